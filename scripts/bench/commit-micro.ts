/**
 * Microbenchmark of the SQLite commit thread's work per batch, without the
 * relay: groups of fixture batches from many sessions committed through
 * `sqliteGroupCommit` on a fresh database file, as the commit thread does.
 * Prints µs per batch (parse + check + SQL) and the parse share alone.
 *
 *   node --import tsx scripts/bench/commit-micro.ts [--sessions 1000] [--group 30] [--batches 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ActivityTouches } from '../../server/src/features/cobrowse/activity-touches.ts';
import { planGroup, streamKey, type PendingBatch } from '../../server/src/features/cobrowse/batch-plan.ts';
import { sqliteGroupCommit } from '../../server/src/features/cobrowse/sqlite-batch-commit.ts';
import { SessionStore } from '../../server/src/features/cobrowse/session-store.ts';
import { migrate, openStorage } from '../../server/src/storage/database.ts';
import { openSqlite } from '../../server/src/storage/sqlite-connection.ts';
import { loadFixture } from './fixture.ts';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    group: { type: 'string', default: '30' },
    batches: { type: 'string', default: '20000' },
  },
});
const sessions = Number(values.sessions);
const groupSize = Number(values.group);
const total = Number(values.batches);

const dir = mkdtempSync(join(tmpdir(), 'tsunagi-commit-micro-'));
const file = join(dir, 'bench.db');
const storage = openStorage(`sqlite:${file}`);
await migrate(storage);
// Random UUIDs as the server's: each session's rows are scattered over the tables and indexes.
const store = new SessionStore(storage.db);
const page = { url: 'https://insurer.example/renewal', title: 'bench', lang: 'ja' as const, viewport: { width: 1280, height: 800 } };
const ids: string[] = [];
for (let i = 0; i < sessions; i++) ids.push((await store.create(page, Date.now(), 600_000)).id);
await storage.destroy();

const fixture = loadFixture();
const texts = fixture.batches.map((b) => JSON.stringify(b.events));
const sqlite = openSqlite(file);
// The server's granularity for its default idle timeout (30 min).
const commit = sqliteGroupCommit(sqlite, ActivityTouches.forIdleTimeout(30 * 60_000));
const seqs = new Array<number>(sessions).fill(0);
// Each session starts at a random point of the flow, as in the load generator:
// full snapshots (37.5 KiB) come once per pass, not with every session's first batch.
const offsets = Array.from({ length: sessions }, () => Math.floor(Math.random() * texts.length));

/** A group of batches from sessions picked at random, as customers' batches arrive. */
function makeGroup(): PendingBatch[] {
  return Array.from({ length: groupSize }, () => {
    const session = Math.floor(Math.random() * sessions);
    const seq = ++seqs[session]!;
    return { sessionId: ids[session]!, streamId: 'tab-1', seq, receivedAt: Date.now(), json: texts[(offsets[session]! + seq - 1) % texts.length]! };
  });
}

// Warm-up, then the measured run.
for (let n = 0; n < 5 * groupSize; n += groupSize) commit(makeGroup());
const groups: PendingBatch[][] = [];
for (let n = 0; n < total; n += groupSize) groups.push(makeGroup());

// Each stream as stored up to just before its first batch in the group, so
// that planGroup parses and checks every batch (with no positions it would
// refuse all but a stream's first as out of order, and parse none of them).
const positionsBefore = (group: readonly PendingBatch[]) => {
  const positions = new Map<string, number>();
  for (const b of group) {
    const key = streamKey(b.sessionId, b.streamId);
    if (!positions.has(key)) positions.set(key, b.seq - 1);
  }
  return positions;
};
const plans = groups.map(positionsBefore);
const parseStart = process.hrtime.bigint();
groups.forEach((g, i) => planGroup(g, plans[i]!));
const parseUs = Number(process.hrtime.bigint() - parseStart) / 1000 / total;

const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
for (const g of groups) commit(g);
const wallUs = Number(process.hrtime.bigint() - start) / 1000 / total;
const cpu = process.cpuUsage(cpuStart);
sqlite.close();
rmSync(dir, { recursive: true, force: true });

console.log(`sessions ${sessions}, group ${groupSize}, batches ${total}`);
console.log(`commit: ${wallUs.toFixed(1)} µs/batch wall, ${((cpu.user + cpu.system) / total).toFixed(1)} µs/batch CPU`);
console.log(`of which parse + check (planGroup): ${parseUs.toFixed(1)} µs/batch`);
