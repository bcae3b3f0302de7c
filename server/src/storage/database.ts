import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import * as initial from './migrations/001_initial.ts';
import * as guidance from './migrations/002_guidance.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

/** Opens the database named by DATABASE_URL (`sqlite:<file>` or `postgres://…`). */
export function openStorage(url: string): Storage {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    // WAL lets readers go on while the batch writer commits; NORMAL sync is
    // durable across process crashes (only an OS crash can lose the last commit).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // bigint columns hold epoch milliseconds: well inside Number's safe range.
    types: { getTypeParser: parseInt8AsNumber },
  });
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
