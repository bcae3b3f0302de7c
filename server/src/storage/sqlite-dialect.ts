import {
  CompiledQuery,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type SQLite from 'better-sqlite3';

/** How long a statement keeps waiting for the other connection's write lock (SQLite's busy_timeout was 5 s). */
export const WRITE_LOCK_WAIT_MS = 5000;
/** Retry delays while the lock is held: short first (a group commit holds it for a few ms), then at most this. */
const RETRY_DELAYS_MS = [1, 1, 2, 2, 5, 10, 20];

/**
 * Kysely's SQLite dialect for the main thread's connection, with one
 * difference: waiting for SQLite's write lock never blocks the event loop.
 *
 * Two connections write to the file: this one (logins, sessions, chat) and
 * the batch commit thread's (batch-commit-thread.ts). With SQLite's own
 * busy_timeout, a statement of this thread that found the lock taken would
 * sleep inside better-sqlite3's synchronous call — the whole Socket.IO
 * thread stopped, every customer's relay with it, for as long as the other
 * thread's commit took (or up to the timeout, if that thread is starved of
 * CPU). Here the connection's busy_timeout is 0: SQLITE_BUSY comes back at
 * once, and the statement is retried on a timer while the event loop goes
 * on. Only statements that cannot have done anything are retried: a
 * statement outside a transaction, and `BEGIN IMMEDIATE`, with which every
 * transaction starts — it takes the write lock up front, so no statement
 * inside a transaction waits for it.
 */
export class NonBlockingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly lockWaitMs = WRITE_LOCK_WAIT_MS,
  ) {
    super({ database: sqlite });
    sqlite.pragma('busy_timeout = 0');
  }

  override createDriver(): Driver {
    return new NonBlockingSqliteDriver(this.sqlite, this.lockWaitMs);
  }
}

class NonBlockingSqliteDriver implements Driver {
  private readonly connection: NonBlockingSqliteConnection;
  private readonly mutex = new ConnectionMutex();

  constructor(
    private readonly sqlite: SQLite.Database,
    lockWaitMs: number,
  ) {
    this.connection = new NonBlockingSqliteConnection(sqlite, lockWaitMs);
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // One connection: queries take turns, as in Kysely's own SQLite driver.
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  releaseConnection(): Promise<void> {
    this.mutex.unlock();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.sqlite.close();
    return Promise.resolve();
  }
}

class NonBlockingSqliteConnection implements DatabaseConnection {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly lockWaitMs: number,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + this.lockWaitMs;
    for (let attempt = 0; ; attempt++) {
      // Inside a transaction (begun immediate, so holding the write lock) a
      // busy statement is not retried: the transaction fails and rolls back.
      const retryable = !this.sqlite.inTransaction;
      try {
        return this.run<R>(query);
      } catch (error) {
        if (!retryable || !isBusy(error) || Date.now() >= deadline) throw error;
      }
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams only select queries');
    const rows = this.sqlite.prepare(query.sql).iterate(query.parameters) as IterableIterator<R>;
    // One row per result, as Kysely's own SQLite driver streams.
    const results: AsyncIterableIterator<QueryResult<R>> = {
      next: () => {
        const step = rows.next();
        return Promise.resolve(step.done ? { done: true, value: undefined } : { done: false, value: { rows: [step.value] } });
      },
      return: (value?: unknown) => {
        rows.return?.();
        return Promise.resolve({ done: true, value: value as QueryResult<R> });
      },
      [Symbol.asyncIterator]: () => results,
    };
    return results;
  }

  private run<R>({ sql, parameters }: CompiledQuery): QueryResult<R> {
    const statement = this.sqlite.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY, _SNAPSHOT, _TIMEOUT). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Hands the single connection to one query (or transaction) at a time. */
class ConnectionMutex {
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  unlock(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }
}
