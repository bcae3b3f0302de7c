import { z } from 'zod';

/**
 * Every Socket.IO event that expects an answer gets one in this envelope.
 * Error codes are stable strings the clients translate; `message` is English
 * for logs and developers.
 */
export const errorCodes = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'out_of_order',
  'session_ended',
  'already_taken',
  'code_invalid',
  'rate_limited',
  'conflict',
  /** The widget on the page speaks another protocol version than the server (a page loaded before a deploy). */
  'outdated_client',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({ code: ErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type AckCallback<T> = (ack: Ack<T>) => void;

export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ApiError }),
  ]);
}
