import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { Server as SocketServer, type Namespace } from 'socket.io';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE } from '@tsunagi/shared';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { Storage } from './storage/database.ts';
import { DomainError } from './realtime/domain-error.ts';
import { httpStatusFor } from './http/error-status.ts';
import { makeGuard } from './http/auth-guard.ts';
import { serveClient } from './http/static-client.ts';
import { UserStore } from './features/users/user-store.ts';
import { userRoutes } from './features/users/user-routes.ts';
import { LoginSessions } from './features/auth/login-sessions.ts';
import { authRoutes } from './features/auth/auth-routes.ts';
import { healthRoutes } from './features/health/health-routes.ts';
import { SessionStore } from './features/cobrowse/session-store.ts';
import { TabStore } from './features/cobrowse/tab-store.ts';
import { BatchWriter, type GroupCommit } from './features/cobrowse/batch-writer.ts';
import { commitBatchGroup } from './features/cobrowse/batch-store.ts';
import { BatchCommitThread } from './features/cobrowse/batch-commit-thread.ts';
import { ActivityTouches } from './features/cobrowse/activity-touches.ts';
import { StreamSequencer } from './features/cobrowse/stream-sequencer.ts';
import { SessionTokens } from './features/cobrowse/session-token.ts';
import { CodeAttemptLimiter } from './features/cobrowse/code-attempt-limiter.ts';
import { CobrowseService } from './features/cobrowse/cobrowse-service.ts';
import { SocketNotifier } from './features/cobrowse/socket-notifier.ts';
import { mountCustomerNamespace } from './features/cobrowse/customer-socket.ts';
import { mountAgentNamespace } from './features/cobrowse/agent-socket.ts';
import { cobrowseRoutes } from './features/cobrowse/cobrowse-routes.ts';
import { ChatStore } from './features/guidance/chat-store.ts';
import { GuidanceService } from './features/guidance/guidance-service.ts';
import type { Adapter } from './realtime/adapter.ts';
import { WalCheckpointer } from './storage/wal-checkpointer.ts';
import type { StorageThreadPriority } from './storage/thread-priority.ts';

/** How often the SQLite WAL is checkpointed (storage/wal-checkpointer.ts). */
const WAL_CHECKPOINT_EVERY_MS = 1000;

export interface AppDeps {
  config: Config;
  storage: Storage;
  logger: Logger;
  /** Socket.IO adapter factory for several nodes (Redis); in-memory when absent. */
  adapter?: Adapter;
}

export interface App {
  http: FastifyInstance;
  io: SocketServer;
  users: UserStore;
  sessions: SessionStore;
  cobrowse: CobrowseService;
  /** Stops accepting, flushes what is buffered, closes sockets and the HTTP server. */
  close(): Promise<void>;
}

/**
 * Starts the SQLite commit and checkpoint threads together. If either fails,
 * the other is stopped before the error goes on, so a failed start-up leaves
 * no thread holding the database open.
 */
async function startSqliteThreads(
  sqliteFile: string,
  touches: ActivityTouches,
  priority: StorageThreadPriority,
  logger: Logger,
): Promise<[BatchCommitThread, WalCheckpointer]> {
  const [commits, checkpoints] = await Promise.allSettled([
    BatchCommitThread.start(sqliteFile, touches.granularityMs, logger, priority),
    WalCheckpointer.start(sqliteFile, WAL_CHECKPOINT_EVERY_MS, logger, priority),
  ]);
  if (commits.status === 'fulfilled' && checkpoints.status === 'fulfilled') return [commits.value, checkpoints.value];
  await Promise.all([
    commits.status === 'fulfilled' ? commits.value.close() : undefined,
    checkpoints.status === 'fulfilled' ? checkpoints.value.close() : undefined,
  ]);
  throw commits.status === 'rejected' ? commits.reason : (checkpoints as PromiseRejectedResult).reason;
}

/** The composition root: builds every part from its dependencies, no globals. */
export async function createApp({ config, storage, logger, adapter }: AppDeps): Promise<App> {
  const users = new UserStore(storage.db);
  const logins = new LoginSessions(storage.db, users, config.LOGIN_TTL_HOURS * 3_600_000);
  const sessions = new SessionStore(storage.db);
  // SQLite is synchronous: its commits go to a thread of their own so they never
  // stop Socket.IO, and so do its WAL checkpoints, which otherwise run inside
  // whichever commit finds the WAL full — often the main thread's. PostgreSQL's
  // driver already waits off the main thread. (The two threads start together:
  // each takes a few hundred milliseconds to load.)
  const touches = ActivityTouches.forIdleTimeout(config.IDLE_TIMEOUT_MS);
  const [commitThread, checkpointer] = storage.sqliteFile
    ? await startSqliteThreads(storage.sqliteFile, touches, config.STORAGE_THREAD_PRIORITY, logger)
    : [undefined, undefined];
  if (checkpointer) await sql`PRAGMA wal_autocheckpoint = 0`.execute(storage.db);
  const commit: GroupCommit = commitThread?.commit ?? ((batches) => commitBatchGroup(storage.db, touches, batches));
  const writer = new BatchWriter(commit, config.STORE_FLUSH_MS);
  const cobrowse = new CobrowseService({
    sessions,
    tabs: new TabStore(storage.db),
    users,
    writer,
    sequencer: new StreamSequencer(),
    tokens: new SessionTokens(config.sessionSecret),
    codeLimiter: new CodeAttemptLimiter(storage.db, config.CODE_ATTEMPTS_PER_AGENT_PER_MIN, config.CODE_ATTEMPTS_GLOBAL_PER_MIN),
    settings: {
      codeTtlMs: config.JOIN_CODE_TTL_MS,
      idleTimeoutMs: config.IDLE_TIMEOUT_MS,
      maxBatchBytes: config.MAX_BATCH_BYTES,
      tabGoneAfterMs: config.TAB_GONE_AFTER_MS,
    },
    logger,
  });

  const guidance = new GuidanceService({ sessions, chats: new ChatStore(storage.db), cobrowse, logger });

  let draining = false;
  // Explicit generics: Fastify would otherwise type its logger as pino's own Logger.
  const http = Fastify<Server, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  await http.register(fastifyCookie);
  http.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) {
      return reply.code(httpStatusFor[error.code]).send({ error: { code: error.code, message: error.message } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      // Fastify's own refusals: unparsable JSON, body too large, wrong content type.
      const code = status === 413 ? 'payload_too_large' : 'bad_request';
      return reply.code(status).send({ error: { code, message: (error as Error).message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'something went wrong on the server' } });
  });

  const requireUser = makeGuard(logins);
  healthRoutes(http, storage.db, () => draining);
  authRoutes(http, logins, requireUser, { secure: config.COOKIE_SECURE, ttlMs: config.LOGIN_TTL_HOURS * 3_600_000 });
  userRoutes(http, users, requireUser);
  cobrowseRoutes(http, cobrowse, {
    idleTimeoutMs: config.IDLE_TIMEOUT_MS,
    checkoutEveryMs: config.CHECKOUT_EVERY_MS,
    batchIntervalMs: config.BATCH_INTERVAL_MS,
    maxBatchBytes: config.MAX_BATCH_BYTES,
  });
  await serveClient(http, config.CLIENT_DIST, logger);
  await http.ready();

  const io = new SocketServer(http.server, {
    // A full snapshot of a large page can be megabytes; above this Socket.IO
    // would drop the connection without a word, so leave room for our own
    // check. The events travel as a JSON string inside the frame, and its
    // escaping (every quote becomes \") can come near doubling them.
    maxHttpBufferSize: config.MAX_BATCH_BYTES * 2 + 64 * 1024,
    serveClient: false,
    cors: { origin: true, credentials: false },
    ...(adapter ? { adapter: adapter.factory } : {}),
  });
  const agents = io.of(AGENT_NAMESPACE);
  const customers = io.of(CUSTOMER_NAMESPACE);
  const notifier = new SocketNotifier(agents, customers, cobrowse, logger);
  cobrowse.attach(notifier);
  guidance.attach(notifier);
  mountCustomerNamespace(customers, cobrowse, guidance, logger);
  mountAgentNamespace(agents, cobrowse, guidance, logins, logger);

  const sweepEvery = Math.max(1000, Math.min(30_000, Math.floor(config.IDLE_TIMEOUT_MS / 4)));
  let closing: Promise<void> | undefined;
  const sweeper = setInterval(() => {
    cobrowse.sweepIdle().catch((err: unknown) => logger.error({ err }, 'idle sweep failed'));
  }, sweepEvery);

  return {
    http,
    io,
    users,
    sessions,
    cobrowse,
    close() {
      closing ??= (async () => {
        draining = true;
        clearInterval(sweeper);
        cobrowse.dispose();
        // Customers' batches already accepted are stored before anyone is told goodbye.
        await writer.flush();
        await commitThread?.close();
        await checkpointer?.close();
        await notifier.flush();
        await disconnectGracefully(io, [agents, customers], 2000);
        await closeConnections(io, http.server, 2000);
        // The sockets' disconnect handlers schedule more updates; nothing is
        // left to tell, and after this point an update would publish through
        // a closed adapter or read a closed database.
        notifier.close();
        await http.close();
        await adapter?.close();
      })();
      return closing;
    },
  };
}

/**
 * Lets the acknowledgements of the batches just stored reach the customers
 * before the sockets close: Socket.IO's own close() drops whatever is still in
 * a connection's write buffer, and a lost ack only costs a resend, but a
 * clean stop should cost nothing.
 */
async function disconnectGracefully(io: SocketServer, namespaces: Namespace[], timeoutMs: number): Promise<void> {
  // Handlers resume after the store resolved their batches; give them a turn to ack.
  await new Promise((resolve) => setImmediate(resolve));
  for (const namespace of namespaces) namespace.disconnectSockets(true);
  const deadline = Date.now() + timeoutMs;
  while (io.engine.clientsCount > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Closes Socket.IO and the HTTP server it is attached to. Node's close()
 * waits for every connection to end, and a browser may hold one it opened
 * ahead of time and never sent a request on (Chromium does, for a page's
 * frames on another host name) — close() would wait for its header timeout,
 * a minute. Idle connections go at once; any left after `graceMs` (a
 * request still running) are cut.
 */
async function closeConnections(io: SocketServer, server: Server, graceMs: number): Promise<void> {
  const closed = io.close();
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(force);
  }
}
