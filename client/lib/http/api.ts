import type { z } from 'zod';
import { ErrorBody } from '@tsunagi/shared';
import { RequestError } from '../errors.ts';

interface ApiOptions<S extends z.ZodType | undefined> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Schema of a successful response body; omit for 204 answers. */
  schema?: S;
}

type Result<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * JSON over fetch with the login cookie. Every answer is validated: a console
 * that trusts a malformed body fails later and far from the cause.
 */
export async function apiRequest<S extends z.ZodType | undefined = undefined>(
  path: string,
  options: ApiOptions<S> = {},
): Promise<Result<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: options.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new RequestError('network', error instanceof Error ? error.message : 'network error');
  }

  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!response.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (parsed.success) throw new RequestError(parsed.data.error.code, parsed.data.error.message, response.status);
    throw new RequestError(statusCode(response.status), `HTTP ${response.status}`, response.status);
  }

  if (!options.schema) return undefined as Result<S>;
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) throw new RequestError('invalid_response', `unexpected response from ${path}`, response.status);
  return parsed.data as Result<S>;
}

function statusCode(status: number): RequestError['code'] {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 400) return 'bad_request';
  return 'internal';
}
