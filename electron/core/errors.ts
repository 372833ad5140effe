import type { ErrorCode } from '../../shared/result';

/**
 * A refusal by a rule, raised inside a transaction so that nothing of the
 * change is kept, and turned into an error value at the channel boundary.
 * `messageKey` names the catalogue entry; `params` fill it.
 */
export class DeskRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly messageKey: string = code,
  ) {
    super(code);
    this.name = 'DeskRefusal';
  }
}
