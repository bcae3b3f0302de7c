import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql, type Generated } from 'kysely';
import type SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite-connection.ts';
import { NonBlockingSqliteDialect } from './sqlite-dialect.ts';

interface TestDb {
  notes: { id: Generated<number>; body: string };
}

/** Settles to 'pending' if `promise` has not settled by the next macrotask. */
async function stateOf(promise: Promise<unknown>): Promise<'pending' | 'fulfilled' | 'rejected'> {
  let state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  promise.then(
    () => (state = 'fulfilled'),
    () => (state = 'rejected'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('NonBlockingSqliteDialect', () => {
  let dir: string;
  let db: Kysely<TestDb>;
  /** The other connection: the batch commit thread's, here on the same thread. */
  let other: SQLite.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagi-dialect-'));
    const file = join(dir, 'test.db');
    db = new Kysely<TestDb>({ dialect: new NonBlockingSqliteDialect(openSqlite(file), 300) });
    await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(db);
    other = openSqlite(file);
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the other connection’s write lock while the event loop runs on', async () => {
    other.exec('BEGIN IMMEDIATE');
    other.prepare('INSERT INTO notes (body) VALUES (?)').run('from the commit thread');

    const insert = db.insertInto('notes').values({ body: 'from the main thread' }).execute();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    await sleep(40);
    clearInterval(ticker);
    // Had the insert slept inside SQLite, no timer could have fired meanwhile.
    expect(ticks).toBeGreaterThan(5);
    expect(await stateOf(insert)).toBe('pending');

    other.exec('COMMIT');
    await insert;
    const rows = await db.selectFrom('notes').select('body').orderBy('id').execute();
    expect(rows.map((row) => row.body)).toEqual(['from the commit thread', 'from the main thread']);
  });

  it('begins transactions immediate, so a transaction waits for the lock before its first statement', async () => {
    other.exec('BEGIN IMMEDIATE');
    const transaction = db.transaction().execute(async (trx) => {
      const [{ n }] = (await sql<{ n: number }>`SELECT count(*) AS n FROM notes`.execute(trx)).rows as [{ n: number }];
      await trx.insertInto('notes').values({ body: `after ${n}` }).execute();
    });
    await sleep(20);
    expect(await stateOf(transaction)).toBe('pending');
    other.prepare('INSERT INTO notes (body) VALUES (?)').run('first');
    other.exec('COMMIT');
    await transaction;
    // The transaction's read came after the other commit: it saw the row.
    const rows = await db.selectFrom('notes').select('body').orderBy('id').execute();
    expect(rows.map((row) => row.body)).toEqual(['first', 'after 1']);
  });

  it('gives up after the wait with SQLITE_BUSY and changes nothing', async () => {
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    await expect(db.insertInto('notes').values({ body: 'too late' }).execute()).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    other.exec('ROLLBACK');
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([]);
    // The connection is usable again.
    await db.insertInto('notes').values({ body: 'now' }).execute();
    expect(await db.selectFrom('notes').select('body').execute()).toEqual([{ body: 'now' }]);
  });

  it('streams select results row by row', async () => {
    await db.insertInto('notes').values([{ body: 'a' }, { body: 'b' }, { body: 'c' }]).execute();
    const seen: string[] = [];
    for await (const row of db.selectFrom('notes').select('body').orderBy('id').stream()) {
      seen.push(row.body);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a', 'b']);
    // Leaving the loop early closed the statement: the connection is free.
    expect(await db.selectFrom('notes').select('body').orderBy('id').execute()).toHaveLength(3);
  });

  it('does not retry a failing statement that is not about the lock', async () => {
    await expect(sql`INSERT INTO notes (body) VALUES (NULL)`.execute(db)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
  });
});
