import type { ErrorCode } from '../../shared/result';

/** HTTP status for an error code: 4xx for everything a client caused, 500 only for the desk's own faults. */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'RATE_LIMITED':
      return 429;
    case 'UNKNOWN_CHANNEL':
    case 'NOT_FOUND':
      return 404;
    case 'INTERNAL':
      return 500;
    default:
      return 409;
  }
}
