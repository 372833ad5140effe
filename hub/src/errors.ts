import type { SyncError } from '../../shared/sync-protocol';

type Code = SyncError['error']['code'];

const statusOf: Record<Code, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  DEVICE_MISMATCH: 403,
  NOT_FOUND: 404,
  SEQUENCE_GAP: 409,
  CODE_USED: 410,
  INTERNAL: 500,
};

/** A refusal the hub answers with the protocol's error body; nothing was changed. */
export class HubError extends Error {
  readonly status: number;
  constructor(
    readonly code: Code,
    message: string,
    readonly resendFrom?: number,
  ) {
    super(message);
    this.status = statusOf[code];
  }

  toBody(): SyncError {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.resendFrom !== undefined ? { resendFrom: this.resendFrom } : {}),
      },
    };
  }
}
