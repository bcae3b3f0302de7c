import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Opens a SQLite database file the way every connection of the server uses it
 * (the main thread's and the batch commit thread's). Kept apart from
 * database.ts so the commit thread loads only better-sqlite3.
 */
export function openSqlite(file: string, options: { autoCheckpoint?: boolean } = {}): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers go on while the batch writer commits; NORMAL sync is
  // durable across process crashes (only an OS crash can lose the last commit).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Two connections write to the file (see batch-commit-thread.ts): wait for
  // the other's short transaction rather than fail. (The main thread's
  // connection waits without blocking its event loop: sqlite-dialect.ts.)
  sqlite.pragma('busy_timeout = 5000');
  // Off where the server's checkpoint thread does it (wal-checkpointer.ts).
  if (options.autoCheckpoint === false) sqlite.pragma('wal_autocheckpoint = 0');
  return sqlite;
}
