import { z } from 'zod';
import { ApiError } from '../protocol/ack.ts';

/** Every HTTP error body. */
export const ErrorBody = z.object({ error: ApiError });
export type ErrorBody = z.infer<typeof ErrorBody>;
