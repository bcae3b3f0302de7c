import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import {
  CUSTOMER_NAMESPACE,
  CustomerSessionView,
  ackSchema,
  customerPushes,
  customerRequests,
  type ChatMessage,
  type ControlAction,
  type CustomerRequests,
  type ErrorCode,
  type NodePoint,
} from '@tsunagi/shared';

type Push<K extends keyof typeof customerPushes> = z.infer<(typeof customerPushes)[K]>;

export type RequestFailure = ErrorCode | 'timeout' | 'disconnected' | 'bad_response';
export type RequestResult<T> = { ok: true; data: T } | { ok: false; code: RequestFailure };

type RequestOf<K extends keyof CustomerRequests> = z.input<CustomerRequests[K]['request']>;
type ResponseOf<K extends keyof CustomerRequests> = z.infer<CustomerRequests[K]['response']>;

export interface ConnectionHandlers {
  /** Fired on every (re)connect: the caller says hello. */
  onConnect(): void;
  onDisconnect(): void;
  /** The server refused the token: the session is over. */
  onRejected(code: 'unauthorized' | 'session_ended'): void;
  onSession(view: CustomerSessionView): void;
  /** A viewer needs a full snapshot of `streamId` (of every tab's stream when absent). */
  onSnapshotRequest(push: Push<'snapshot:request'>): void;
  /** Guidance pushes, each validated with its shared schema (anything malformed is dropped); each names its stream. */
  onChat?(message: ChatMessage): void;
  onPointer?(push: { agentName: string; streamId: string; point: NodePoint | null }): void;
  onHighlight?(push: { streamId: string; nodeId: number }): void;
  onControlAction?(push: { streamId: string; action: ControlAction }): void;
}

const REJECTIONS = new Set(['unauthorized', 'session_ended']);

/**
 * The customer's Socket.IO connection. Every request is acknowledged in the
 * shared envelope and validated with the shared zod schemas; pushes too.
 * Requests are never buffered while offline (Socket.IO would replay them
 * before our hello on reconnect): offline means 'disconnected' at once.
 */
export class CustomerConnection {
  private readonly socket: Socket;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private closed = false;

  constructor(origin: string, token: string, private readonly handlers: ConnectionHandlers) {
    this.socket = io(origin + CUSTOMER_NAMESPACE, {
      auth: { token },
      transports: ['websocket'],
      // A new session must never reuse a closed manager of an earlier one.
      forceNew: true,
      reconnectionDelayMax: 10_000,
    });
    this.socket.on('connect', () => {
      this.retries = 0;
      handlers.onConnect();
    });
    this.socket.on('disconnect', (reason) => {
      handlers.onDisconnect();
      // The server closed us on purpose; Socket.IO will not retry by itself.
      // If the session ended, the retry is refused and we learn why.
      if (reason === 'io server disconnect') this.retryLater();
    });
    this.socket.on('connect_error', (error: Error) => {
      if (REJECTIONS.has(error.message)) {
        handlers.onRejected(error.message as 'unauthorized' | 'session_ended');
        return;
      }
      // Middleware errors (e.g. 'internal') leave the socket inactive; transport errors retry on their own.
      if (!this.socket.active) this.retryLater();
    });
    this.socket.on('session', (raw: unknown) => {
      const view = CustomerSessionView.safeParse(raw);
      if (view.success) handlers.onSession(view.data);
      else console.warn('[tsunagi] ignored a malformed session push');
    });
    this.onPush('snapshot:request', (push) => handlers.onSnapshotRequest(push));
    this.onPush('chat:message', (message) => handlers.onChat?.(message));
    this.onPush('guide:pointer', (push) => handlers.onPointer?.(push));
    this.onPush('guide:highlight', (push) => handlers.onHighlight?.(push));
    this.onPush('control:action', (push) => handlers.onControlAction?.(push));
  }

  private onPush<K extends 'snapshot:request' | 'chat:message' | 'guide:pointer' | 'guide:highlight' | 'control:action'>(
    event: K,
    handle: (payload: Push<K>) => void,
  ): void {
    const schema = customerPushes[event] as unknown as z.ZodType<Push<K>>;
    const name: string = event;
    this.socket.on(name, (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) handle(parsed.data);
      else console.warn(`[tsunagi] ignored a malformed ${event} push`);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Resolves true once connected, or false after `timeoutMs`. */
  whenConnected(timeoutMs: number): Promise<boolean> {
    if (this.socket.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.socket.off('connect', onConnect);
        resolve(value);
      };
      const onConnect = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.socket.on('connect', onConnect);
    });
  }

  async request<K extends keyof CustomerRequests>(event: K, payload: RequestOf<K>, timeoutMs = 10_000): Promise<RequestResult<ResponseOf<K>>> {
    if (!this.socket.connected) return { ok: false, code: 'disconnected' };
    let raw: unknown;
    try {
      raw = await this.socket.timeout(timeoutMs).emitWithAck(event, payload);
    } catch {
      return { ok: false, code: this.socket.connected ? 'timeout' : 'disconnected' };
    }
    const parsed = responseSchema(event).safeParse(raw);
    if (!parsed.success) return { ok: false, code: 'bad_response' };
    const ack = parsed.data as { ok: true; data: ResponseOf<K> } | { ok: false; error: { code: ErrorCode } };
    return ack.ok ? { ok: true, data: ack.data } : { ok: false, code: ack.error.code };
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private retryLater(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    const delay = Math.min(10_000, 1000 * 2 ** this.retries++) * (0.75 + Math.random() / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, delay);
  }
}

const schemas = new Map<string, ReturnType<typeof ackSchema>>();
function responseSchema(event: keyof CustomerRequests): ReturnType<typeof ackSchema> {
  let schema = schemas.get(event);
  if (!schema) {
    schema = ackSchema(customerRequests[event].response);
    schemas.set(event, schema);
  }
  return schema;
}
