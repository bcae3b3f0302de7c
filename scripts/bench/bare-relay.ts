/**
 * The baseline: a bare Socket.IO relay with the same namespaces, rooms and
 * message shapes as the real server, and nothing else — no validation, no
 * sequencing, no storage. A customer's `batch` goes to its session's viewer
 * room and is acknowledged at once.
 *
 *   HOST=127.0.0.1 PORT=4100 node --import tsx scripts/bench/bare-relay.ts
 *
 * run.ts starts it as a child process (like the real server) and waits for
 * the "ready" line on stdout.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4100);
/** Same limit as the real server derives from its default MAX_BATCH_BYTES. */
const maxBatchBytes = Number(process.env.MAX_BATCH_BYTES ?? 8 * 1024 * 1024);

interface Batch {
  streamId: string;
  seq: number;
  eventsJson: string;
}
type Ack = (answer: { ok: true; data: unknown }) => void;

const http = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
});
const io = new Server(http, {
  maxHttpBufferSize: Math.ceil(maxBatchBytes * 1.25) + 64 * 1024,
  serveClient: false,
  cors: { origin: true, credentials: false },
});
const customers = io.of('/customer');
const agents = io.of('/agent');

customers.use((socket, next) => {
  const { sessionId } = socket.handshake.auth as { sessionId?: unknown };
  if (typeof sessionId !== 'string') return next(new Error('unauthorized'));
  (socket.data as { sessionId: string }).sessionId = sessionId;
  next();
});

customers.on('connection', (socket) => {
  const { sessionId } = socket.data as { sessionId: string };
  void socket.join(`customer:${sessionId}`);
  socket.on('batch', (batch: Batch, ack: Ack) => {
    agents
      .to(`watch:${sessionId}`)
      .emit('replay:batch', { sessionId, streamId: batch.streamId, seq: batch.seq, receivedAt: Date.now(), eventsJson: batch.eventsJson });
    ack({ ok: true, data: { streamId: batch.streamId, seq: batch.seq } });
  });
});

agents.on('connection', (socket) => {
  socket.on('session:watch', ({ sessionId }: { sessionId: string }, ack: Ack) => {
    void socket.join(`watch:${sessionId}`);
    ack({ ok: true, data: { checkpoint: [] } });
  });
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void io.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Started by run.ts with an IPC channel: never outlive it.
process.on('disconnect', stop);

http.listen(port, host, () => process.stdout.write(`ready http://${host}:${port}\n`));
