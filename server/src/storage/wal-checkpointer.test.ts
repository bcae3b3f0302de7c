import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite-connection.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

describe('WalCheckpointer', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('copies what writers with automatic checkpoints off left in the WAL into the database file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagi-wal-'));
    const file = join(dir, 'tsunagi.db');
    const writer = openSqlite(file, { autoCheckpoint: false });
    writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = writer.prepare('INSERT INTO t (body) VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000));
    })();
    // Far over the 1,000 pages that would have triggered an automatic checkpoint: none ran.
    const before = statSync(file).size;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
    expect(before).toBeLessThan(100_000);

    const checkpointer = await WalCheckpointer.start(file, 20, pino({ level: 'silent' }), 'normal');
    try {
      while (statSync(file).size < 2_000_000) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await checkpointer.close();
    }
    expect(writer.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2000 });
    writer.close();
  });
});
