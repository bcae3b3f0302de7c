import { io, type Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  CUSTOMER_NAMESPACE,
  PROTOCOL_VERSION,
  type Ack,
  type AgentClientToServer,
  type AgentHandshakeAuth,
  type AgentServerToClient,
  type CreateSessionResponse,
  type CustomerClientToServer,
  type CustomerServerToClient,
  type PageInfo,
  type RecordedEvent,
} from '@tsunagi/shared';

export type AgentClient = Socket<AgentServerToClient, AgentClientToServer>;
export type CustomerClient = Socket<CustomerServerToClient, CustomerClientToServer>;

export const samplePage: PageInfo = {
  url: 'http://insurer.example/renewal/',
  title: '自動車保険の更新',
  lang: 'ja',
  viewport: { width: 1280, height: 720 },
};

export async function httpJson(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; cookie?: string | undefined; rawBody?: string } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(baseUrl + path, {
    method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.body !== undefined || init.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
}

/** Signs in and returns the cookie header value. */
export async function login(baseUrl: string, username: string, password = `tsunagi-${username}`): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('no cookie');
  return cookie.split(';')[0]!;
}

const opened: Socket[] = [];

/** Closes every socket the helpers opened (afterEach). */
export function closeAllSockets(): void {
  for (const socket of opened.splice(0)) socket.disconnect();
}

/**
 * An agent-namespace socket as the console opens it: the current protocol in
 * `auth` unless the test passes another (`null`: no auth at all).
 */
export function connectAgent(
  baseUrl: string,
  cookie: string | undefined,
  auth: Record<string, unknown> | null = { protocol: PROTOCOL_VERSION } satisfies AgentHandshakeAuth,
): AgentClient {
  const socket: AgentClient = io(baseUrl + AGENT_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
    ...(auth ? { auth } : {}),
  });
  opened.push(socket);
  return socket;
}

export function connectCustomer(baseUrl: string, token: string, reconnection = false): CustomerClient {
  const socket: CustomerClient = io(baseUrl + CUSTOMER_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    reconnection,
    auth: { token },
  });
  opened.push(socket);
  return socket;
}

/** Resolves on connect, rejects with the server's reason on connect_error. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Emits a request and returns the ack envelope (untyped on purpose: tests send bad input too). */
export function request(socket: Socket, event: string, ...payload: unknown[]): Promise<Ack<unknown>> {
  return socket.timeout(10_000).emitWithAck(event, ...payload) as Promise<Ack<unknown>>;
}

/** Like `request`, but fails the test unless the server said ok. */
export async function ok<T = unknown>(socket: Socket, event: string, payload: unknown = {}): Promise<T> {
  const ack = await request(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data as T;
}

export async function createSession(baseUrl: string, page: PageInfo = samplePage): Promise<CreateSessionResponse> {
  const { status, body } = await httpJson(baseUrl, '/api/cobrowse/sessions', { body: { consent: true, page } });
  if (status !== 201) throw new Error(`create session failed: ${status} ${JSON.stringify(body)}`);
  return body as CreateSessionResponse;
}

/** A customer connected and greeted, ready to stream. */
export async function startCustomer(baseUrl: string, streamId = 'stream-0001', session?: CreateSessionResponse) {
  const created = session ?? (await createSession(baseUrl));
  const socket = connectCustomer(baseUrl, created.token);
  await connected(socket);
  const hello = await ok<{ streams: { streamId: string; lastSeq: number }[] }>(socket, 'hello', {
    protocol: PROTOCOL_VERSION,
    streamId,
    page: samplePage,
  });
  return { session: created, socket, hello };
}

/** rrweb-shaped events: a Meta + FullSnapshot for seq 1, incremental input events after. */
export function sampleEvents(seq: number, text = `typed ${seq}`): RecordedEvent[] {
  const now = Date.now();
  if (seq === 1) {
    return [
      { type: 4, timestamp: now, data: { href: samplePage.url, width: 1280, height: 720 } },
      {
        type: 2,
        timestamp: now,
        data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { top: 0, left: 0 } },
      },
    ];
  }
  return [{ type: 3, timestamp: now, data: { source: 5, id: 42, text, isChecked: false } }];
}

/** `sampleEvents` as a batch carries them: JSON text. */
export const sampleEventsJson = (seq: number, text?: string): string => JSON.stringify(sampleEvents(seq, text));

export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Waits until `predicate` holds for a pushed event. */
export function eventMatching<T>(socket: Socket, event: string, predicate: (payload: T) => boolean, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Polls until `predicate` holds (for state that arrives by several events). */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An agent-namespace socket of a signed-in demo user, connected. */
export async function signedInAgent(baseUrl: string, username: string): Promise<AgentClient> {
  const socket = connectAgent(baseUrl, await login(baseUrl, username));
  await connected(socket);
  return socket;
}
