import { Kysely, Migrator, PostgresDialect, type Migration } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite-connection.ts';
import { NonBlockingSqliteDialect } from './sqlite-dialect.ts';
import * as initial from './migrations/001_initial.ts';
import * as guidance from './migrations/002_guidance.ts';
import * as tabs from './migrations/003_tabs.ts';
import * as codeAttempts from './migrations/004_code_attempts.ts';
import * as positionsFromBatches from './migrations/005_positions_from_batches.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite database file; undefined for PostgreSQL and in-memory databases. */
  sqliteFile?: string;
  destroy(): Promise<void>;
}

/** Opens the database named by DATABASE_URL (`sqlite:<file>` or `postgres://…`). */
export function openStorage(url: string, options: { onConnectionError?: (error: Error) => void } = {}): Storage {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const sqlite = openSqlite(file);
    const db = new Kysely<Database>({ dialect: new NonBlockingSqliteDialect(sqlite) });
    return { db, dialect: 'sqlite', sqliteFile: file === ':memory:' ? undefined : file, destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // bigint columns hold epoch milliseconds: well inside Number's safe range.
    types: { getTypeParser: parseInt8AsNumber },
  });
  // An idle pooled connection can be cut by the server (a restart, a failover,
  // an administrator). pg then emits 'error' on the pool, and without a
  // listener that would end the process; the pool has already dropped that
  // connection and the next query opens a fresh one.
  pool.on('error', (error) => options.onConnectionError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

const INT8_OID = 20;
const parseInt8AsNumber = ((oid: number, format?: 'text' | 'binary'): unknown =>
  oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '001_initial': { up: (db) => initial.up(db, dialect) },
    '002_guidance': { up: (db) => guidance.up(db, dialect) },
    '003_tabs': { up: (db) => tabs.up(db, dialect) },
    '004_code_attempts': { up: (db) => codeAttempts.up(db, dialect) },
    '005_positions_from_batches': { up: (db) => positionsFromBatches.up(db) },
  };
}

/** Brings the schema up to date; safe to run from several nodes at once. */
export async function migrate(storage: Storage): Promise<void> {
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: () => Promise.resolve(migrationsFor(storage.dialect)) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error });
  }
}
