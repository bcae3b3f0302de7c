import type { ErrorCode } from '@tsunagi/shared';

/**
 * Errors the consoles show. Server codes come from the ack envelope or the
 * HTTP error body; the rest are what can go wrong on our side of the wire.
 */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'disconnected' | 'invalid_response';

export class RequestError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** HTTP status, when the error came from an HTTP call. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export function toRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  return new RequestError('internal', error instanceof Error ? error.message : String(error));
}
