import { CreateSessionResponse, ErrorBody, WidgetConfig, type PageInfo } from '@tsunagi/shared';

/** A failed HTTP call, with the server's stable error code when it sent one. */
export class HttpApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpApiError';
  }
}

/** Used when the config cannot be fetched (e.g. resuming while the server restarts). */
export const FALLBACK_CONFIG: WidgetConfig = {
  idleTimeoutMs: 30 * 60_000,
  checkoutEveryMs: 3 * 60_000,
  batchIntervalMs: 100,
  maxBatchBytes: 1024 * 1024,
};

const TIMEOUT_MS = 15_000;

/**
 * The widget's two HTTP calls. They cross origins (insurer's site → Tsunagi)
 * and never carry cookies: the session token is the customer's only credential.
 */
export async function fetchWidgetConfig(origin: string): Promise<WidgetConfig> {
  const body = await call(`${origin}/api/widget/config`, { method: 'GET' });
  const parsed = WidgetConfig.safeParse(body);
  if (!parsed.success) throw new HttpApiError('bad_response', 'unexpected widget config');
  return parsed.data;
}

export async function createSession(origin: string, page: PageInfo): Promise<CreateSessionResponse> {
  const body = await call(`${origin}/api/cobrowse/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ consent: true, page }),
  });
  const parsed = CreateSessionResponse.safeParse(body);
  if (!parsed.success) throw new HttpApiError('bad_response', 'unexpected create-session response');
  return parsed.data;
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { ...init, mode: 'cors', credentials: 'omit', cache: 'no-store', signal: controller.signal });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      throw error.success
        ? new HttpApiError(error.data.error.code, error.data.error.message)
        : new HttpApiError('http_' + response.status, `HTTP ${response.status}`);
    }
    return body;
  } catch (error) {
    if (error instanceof HttpApiError) throw error;
    throw new HttpApiError('network', error instanceof Error ? error.message : 'network error');
  } finally {
    clearTimeout(timer);
  }
}
