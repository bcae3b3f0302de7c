/**
 * A minimal Socket.IO client (Engine.IO 4 / Socket.IO 5 protocol, WebSocket
 * transport only) for the load generator.
 *
 * Why not socket.io-client: simulating a thousand customers and a thousand
 * viewers on the same 2-core machine as the server, socket.io-client's
 * per-message cost (JSON.stringify of every batch, a recursive binary check,
 * JSON.parse of every relayed batch) made the generator need more CPU than
 * the server it measures. This client sends the frames socket.io-client
 * would send, byte for byte (`42/customer,<ack id>["batch",{…}]`), but builds
 * them from batches serialised once, and reads only the head of a relayed
 * batch (its seq) instead of parsing the whole event list. The server cannot
 * tell the difference.
 */
import WebSocket from 'ws';

type Handler = (text: string) => void;

export interface LeanSocketOptions {
  auth?: Record<string, unknown>;
  cookie?: string;
  timeoutMs?: number;
}

/** Bytes of one WebSocket frame carrying `payloadBytes` (clients mask theirs: 4 more bytes). */
export function frameBytes(payloadBytes: number, fromClient: boolean): number {
  const header = payloadBytes < 126 ? 2 : payloadBytes < 65_536 ? 4 : 10;
  return payloadBytes + header + (fromClient ? 4 : 0);
}

export class LeanSocket {
  /** Bytes on the WebSocket, both directions, frame headers included. */
  bytesUp = 0;
  bytesDown = 0;
  private nextAckId = 0;
  private readonly acks = new Map<number, Handler>();
  private readonly handlers = new Map<string, Handler>();
  private readonly prefix: string;
  private closed = false;
  onClose: (() => void) | undefined;

  private constructor(
    private readonly ws: WebSocket,
    readonly namespace: string,
  ) {
    this.prefix = namespace === '/' ? '' : `${namespace},`;
  }

  /** Opens the WebSocket, joins `namespace` with `auth`, resolves once the server accepted. */
  static connect(baseUrl: string, namespace: string, options: LeanSocketOptions = {}): Promise<LeanSocket> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      ...(options.cookie ? { headers: { cookie: options.cookie } } : {}),
    });
    const socket = new LeanSocket(ws, namespace);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`connect ${namespace}: timed out`)), options.timeoutMs ?? 60_000);
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.close();
        reject(error);
      };
      ws.on('error', (error) => fail(new Error(`connect ${namespace}: ${error.message}`)));
      ws.on('close', () => {
        socket.closed = true;
        socket.onClose?.();
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        const text = data.toString();
        socket.bytesDown += frameBytes(data.length, false);
        switch (text[0]) {
          case '0': // Engine.IO open: join the namespace
            socket.send(`40${socket.prefix}${options.auth ? JSON.stringify(options.auth) : ''}`);
            return;
          case '2': // ping
            socket.send('3');
            return;
          case '4':
            break;
          default:
            return;
        }
        // Socket.IO packet: 4<type>[<namespace>,][<ack id>]<json>
        const type = text[1];
        let at = 2;
        if (socket.prefix && text.startsWith(socket.prefix, at)) at += socket.prefix.length;
        if (type === '0') {
          clearTimeout(timer);
          resolve(socket);
        } else if (type === '4') {
          fail(new Error(`connect ${namespace}: ${text.slice(at)}`));
        } else if (type === '3') {
          let end = at;
          while (text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
          const id = Number(text.slice(at, end));
          const handler = socket.acks.get(id);
          if (handler) {
            socket.acks.delete(id);
            handler(text.slice(end));
          }
        } else if (type === '2') {
          // ["event",payload]: find the event name without parsing the payload.
          const quote = text.indexOf('"', at + 2);
          const handler = socket.handlers.get(text.slice(at + 2, quote));
          handler?.(text);
        }
      });
    });
  }

  get connected(): boolean {
    return !this.closed && this.ws.readyState === WebSocket.OPEN;
  }

  private send(text: string): void {
    this.bytesUp += frameBytes(Buffer.byteLength(text), true);
    this.ws.send(text);
  }

  /** Calls `handler` with the raw text of every `event` the server pushes. */
  on(event: string, handler: Handler): void {
    this.handlers.set(event, handler);
  }

  /**
   * Emits `event` with an already serialised JSON payload and an ack; `onAck`
   * gets the raw JSON array of the ack's arguments (`[{"ok":true,…}]`).
   */
  emitRaw(event: string, payloadJson: string, onAck: Handler): void {
    const id = this.nextAckId++;
    this.acks.set(id, onAck);
    this.send(`42${this.prefix}${id}[${JSON.stringify(event)},${payloadJson}]`);
  }

  /** Emits and resolves with the parsed first ack argument (setup calls, not the hot path). */
  request<T>(event: string, payload: unknown, timeoutMs = 60_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${event}: no ack within ${timeoutMs} ms`)), timeoutMs);
      this.emitRaw(event, JSON.stringify(payload), (raw) => {
        clearTimeout(timer);
        resolve((JSON.parse(raw) as T[])[0]!);
      });
    });
  }

  /** Acks still awaited. */
  get pendingAcks(): number {
    return this.acks.size;
  }

  close(): void {
    this.closed = true;
    this.ws.terminate();
  }
}
