import type { ErrorCode } from '@tsunagi/shared';

/** An expected refusal with a stable code the clients translate. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
