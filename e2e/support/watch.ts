import { Writable } from 'node:stream';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

/**
 * The places a leak test searches for what must never reach the server. The
 * test owns the arrays and searches them at the end; these helpers only fill
 * them. A search that finds nothing proves something only if the test also
 * finds ordinary typed text in the same places.
 */

/**
 * The real server at trace level (the most it ever logs), appending every
 * log line to `logLines` and every packet its socket engine receives —
 * before any parsing of ours — to `packets`.
 */
export async function startWatchedServer(into: { logLines: string[]; packets: string[] }): Promise<TestServer> {
  const server = await startTestServer({
    env: { LOG_LEVEL: 'trace' },
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        into.logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
  server.app.io.engine.on('connection', (socket: { on(event: 'packet', fn: (packet: { data?: unknown }) => void): void }) => {
    socket.on('packet', (packet) => {
      if (packet.data !== undefined) into.packets.push(typeof packet.data === 'string' ? packet.data : JSON.stringify(packet.data));
    });
  });
  return server;
}

/** Appends what `page` sends, as the browser sends it: every WebSocket frame to `frames`, every HTTP request body to `bodies`. */
export function watchSentTraffic(page: Page, into: { frames: string[]; bodies: string[] }): void {
  page.on('websocket', (ws) => ws.on('framesent', (frame) => into.frames.push(String(frame.payload))));
  page.on('request', (request) => {
    const body = request.postData();
    if (body) into.bodies.push(body);
  });
}

/** Appends every WebSocket frame `page` receives to `frames`. */
export function watchReceivedFrames(page: Page, frames: string[]): void {
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
}
