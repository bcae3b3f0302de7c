import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import {
  AGENT_NAMESPACE,
  PROTOCOL_VERSION,
  ackSchema,
  agentPushes,
  agentRequests,
  type AgentHandshakeAuth,
  type AgentRequests,
} from '@tsunagi/shared';
import { RequestError } from '../errors.ts';

/**
 * `unauthorized` (no valid login) and `outdated` (the server speaks another
 * protocol version: this console must be reloaded) are final: no retries.
 */
export type SocketStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized' | 'outdated' | 'closed';

/** Statuses after which the socket never tries again by itself. */
const FINAL: ReadonlySet<SocketStatus> = new Set(['closed', 'unauthorized', 'outdated']);

export type AgentRequestName = keyof AgentRequests;
export type AgentRequestPayload<K extends AgentRequestName> = z.input<AgentRequests[K]['request']>;
export type AgentResponse<K extends AgentRequestName> = z.infer<AgentRequests[K]['response']>;
export type AgentPushName = keyof typeof agentPushes;
export type AgentPush<K extends AgentPushName> = z.infer<(typeof agentPushes)[K]>;

export interface AgentSocketOptions {
  /** How long a request waits for its ack. */
  requestTimeoutMs?: number;
  /**
   * Asked when the server drops us on purpose ("io server disconnect"):
   * true if the login is still valid (then we reconnect), false if not.
   */
  verifyLogin?: () => Promise<boolean>;
  /** The server's origin; the page's own by default (tests point elsewhere). */
  origin?: string;
}

/**
 * The `/agent` namespace as the consoles use it: typed requests that resolve
 * to the ack's data (or throw a RequestError with the server's code), pushes
 * validated with the shared schemas, and a status the UI can show.
 *
 * Nothing connects at import time: the console creates one after login and
 * closes it on logout.
 */
export class AgentSocket {
  private readonly socket: Socket;
  private status: SocketStatus = 'connecting';
  private readonly statusListeners = new Set<() => void>();
  private readonly connectedListeners = new Set<() => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly options: AgentSocketOptions = {}) {
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    // The login cookie rides on the websocket handshake; websocket-only also
    // means no sticky sessions are needed behind a load balancer.
    // Retries start fast and stay frequent (Socket.IO's default backs off to
    // 5 s): an agent in the middle of a call wants the view back quickly.
    // `auth` is sent with every (re)connect: after a deploy that changed the
    // protocol the server refuses us with 'outdated_client'.
    const auth: AgentHandshakeAuth = { protocol: PROTOCOL_VERSION };
    this.socket = io((options.origin ?? '') + AGENT_NAMESPACE, {
      auth,
      transports: ['websocket'],
      withCredentials: true,
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    this.socket.on('connect', this.handleConnect);
    this.socket.on('disconnect', this.handleDisconnect);
    this.socket.on('connect_error', this.handleConnectError);
  }

  connect(): void {
    this.setStatus(this.status === 'connected' ? 'connected' : 'connecting');
    this.socket.connect();
  }

  close(): void {
    this.clearRetry();
    this.setStatus('closed');
    this.socket.off('connect', this.handleConnect);
    this.socket.off('disconnect', this.handleDisconnect);
    this.socket.off('connect_error', this.handleConnectError);
    this.socket.disconnect();
    this.connectedListeners.clear();
  }

  getStatus = (): SocketStatus => this.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  /**
   * Runs `listener` now if connected, and after every (re)connect. The server
   * forgets subscriptions with the old socket, so this is where the queue is
   * re-subscribed and watched sessions re-watched.
   */
  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    if (this.socket.connected) listener();
    return () => this.connectedListeners.delete(listener);
  }

  /** Sends a request and resolves to the ack's data. */
  async request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentResponse<K>> {
    // Socket.IO would buffer the emit until a reconnect; an agent who clicked
    // "take" wants to know now that it did not go out.
    if (!this.socket.connected) throw new RequestError('disconnected', `not connected (${name})`);
    let raw: unknown;
    try {
      raw = await this.socket.timeout(this.timeoutMs).emitWithAck(name, payload);
    } catch {
      throw new RequestError('timeout', `no answer to ${name} within ${this.timeoutMs} ms`);
    }
    const parsed = ackSchema(agentRequests[name].response).safeParse(raw);
    if (!parsed.success) throw new RequestError('invalid_response', `malformed answer to ${name}`);
    if (!parsed.data.ok) throw new RequestError(parsed.data.error.code, parsed.data.error.message);
    return parsed.data.data as AgentResponse<K>;
  }

  /** Listens to a server push; payloads that fail their schema are dropped. */
  on<K extends AgentPushName>(name: K, handler: (payload: AgentPush<K>) => void): () => void {
    const schema = agentPushes[name];
    const listener = (payload: unknown): void => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) handler(parsed.data as AgentPush<K>);
      else console.warn(`[tsunagi] dropped malformed "${name}" push`, parsed.error.issues);
    };
    // Widened to a plain string: the schemas above, not the generic socket
    // typings, are what guarantee the payload's shape.
    const event: string = name;
    this.socket.on(event, listener);
    return () => {
      this.socket.off(event, listener);
    };
  }

  private readonly handleConnect = (): void => {
    this.clearRetry();
    this.setStatus('connected');
    for (const listener of [...this.connectedListeners]) listener();
  };

  private readonly handleDisconnect = (reason: Socket.DisconnectReason): void => {
    if (reason === 'io client disconnect') return;
    this.setStatus('reconnecting');
    if (reason === 'io server disconnect') {
      // Socket.IO does not reconnect by itself after a server-side kick; it
      // may mean our login ended (logout elsewhere, account removed).
      void this.reconnectIfLoggedIn();
    }
  };

  private readonly handleConnectError = (error: Error): void => {
    if (error.message === 'unauthorized' || error.message === 'outdated_client') {
      this.clearRetry();
      this.setStatus(error.message === 'unauthorized' ? 'unauthorized' : 'outdated');
      return;
    }
    this.setStatus('reconnecting');
    // Transport errors are retried by the Manager (socket.active stays true);
    // a middleware error is not, so we schedule the retry ourselves.
    if (!this.socket.active) this.scheduleRetry();
  };

  private async reconnectIfLoggedIn(): Promise<void> {
    const stillLoggedIn = this.options.verifyLogin ? await this.options.verifyLogin().catch(() => true) : true;
    if (FINAL.has(this.status)) return;
    if (stillLoggedIn) this.scheduleRetry(0);
    else this.setStatus('unauthorized');
  }

  private scheduleRetry(delayMs = 2000): void {
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!FINAL.has(this.status)) this.socket.connect();
    }, delayMs);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(status: SocketStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of [...this.statusListeners]) listener();
  }
}
