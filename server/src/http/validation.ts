import type { z } from 'zod';
import { DomainError } from '../realtime/domain-error.ts';
import { describe } from '../realtime/request-router.ts';

/** Parses an HTTP body with its shared schema; a bad body is a 400 with the reason. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new DomainError('bad_request', describe(parsed.error));
  return parsed.data;
}
