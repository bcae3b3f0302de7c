import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, AgentHandshakeAuth, PROTOCOL_VERSION } from '@tsunagi/shared';
import { AgentSocket, type SocketStatus } from './agent-socket.ts';

/**
 * AgentSocket against a real Socket.IO server on an ephemeral port whose
 * `/agent` middleware decides each handshake; the real server's own check is
 * covered by server/test/auth-and-roles.test.ts.
 */

let server: Server | null = null;
let client: AgentSocket | null = null;

afterEach(async () => {
  client?.close();
  client = null;
  await server?.close();
  server = null;
});

/** Starts a server; `decide` returns null to accept a handshake or the refusal's message. */
async function startServer(decide: (auth: unknown) => string | null): Promise<{ origin: string; handshakes: unknown[] }> {
  const handshakes: unknown[] = [];
  server = new Server({ transports: ['websocket'] });
  server.of(AGENT_NAMESPACE).use((socket, next) => {
    handshakes.push(socket.handshake.auth);
    const refusal = decide(socket.handshake.auth);
    next(refusal === null ? undefined : new Error(refusal));
  });
  const http = createServer();
  server.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, handshakes };
}

function statusBecomes(socket: AgentSocket, wanted: SocketStatus, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.getStatus() === wanted) return resolve();
    const timer = setTimeout(() => reject(new Error(`status stayed ${socket.getStatus()}, not ${wanted}`)), timeoutMs);
    const off = socket.subscribeStatus(() => {
      if (socket.getStatus() !== wanted) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AgentSocket protocol version', () => {
  it('sends the current protocol in the handshake auth', async () => {
    const { origin, handshakes } = await startServer((auth) => {
      const parsed = AgentHandshakeAuth.safeParse(auth);
      return parsed.success && parsed.data.protocol === PROTOCOL_VERSION ? null : 'outdated_client';
    });
    client = new AgentSocket({ origin });
    client.connect();
    await statusBecomes(client, 'connected');
    expect(handshakes).toEqual([{ protocol: PROTOCOL_VERSION }]);
  });

  it('turns outdated on outdated_client and never tries again', async () => {
    const { origin, handshakes } = await startServer(() => 'outdated_client');
    client = new AgentSocket({ origin });
    client.connect();
    await statusBecomes(client, 'outdated');
    // Other refusals are retried after 2 s (see the next test).
    await sleep(2600);
    expect(client.getStatus()).toBe('outdated');
    expect(handshakes).toHaveLength(1);
  });

  it('still retries a refusal that may pass (so the wait above proves something)', async () => {
    const { origin, handshakes } = await startServer(() => 'internal');
    client = new AgentSocket({ origin });
    client.connect();
    await statusBecomes(client, 'reconnecting');
    await sleep(2600);
    expect(handshakes.length).toBeGreaterThanOrEqual(2);
  });
});
