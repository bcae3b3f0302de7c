import { containsFullSnapshot, parseEventsJson } from '@tsunagi/shared';

/** A customer batch accepted by the sequencer, waiting for its group commit. */
export interface PendingBatch {
  sessionId: string;
  streamId: string;
  seq: number;
  receivedAt: number;
  /** The events as the customer sent them: JSON text, not yet parsed or checked. */
  json: string;
}

/** A batch whose events passed `RecordedEvents` and that continues its stream: a row to insert. */
export interface StorableBatch extends PendingBatch {
  hasFullSnapshot: boolean;
}

/** What became of one batch of a group; in the order the batches were given. */
export type BatchOutcome = { ok: true } | { ok: false; code: 'bad_request' | 'out_of_order'; message: string };

export interface GroupPlan {
  rows: StorableBatch[];
  outcomes: BatchOutcome[];
}

/** Map key of one stream of one session. */
export const streamKey = (sessionId: string, streamId: string) => `${sessionId}\u0000${streamId}`;

/** The distinct streams of a group, to look their stored positions up in one go. */
export function streamsOf(batches: readonly PendingBatch[]): { sessionId: string; streamId: string }[] {
  const seen = new Map<string, { sessionId: string; streamId: string }>();
  for (const { sessionId, streamId } of batches) seen.set(streamKey(sessionId, streamId), { sessionId, streamId });
  return [...seen.values()];
}

/**
 * Decides, for one group commit, which batches are stored. Both commit paths
 * (the SQLite thread and Kysely for PostgreSQL) run this before writing, so
 * the rules live once:
 *
 * - the events are parsed and checked with the shared schema here — the
 *   relay's thread passed them on unparsed (see `EventsJson`);
 * - a stream is stored without holes: a batch is written only if it follows
 *   the last one stored (or planned earlier in this group). A refused batch
 *   therefore also refuses whatever of its stream came after it, instead of
 *   storing the later batches around a gap;
 * - a batch already stored is a resend: acknowledged, not written again.
 *
 * `lastStored` holds each stream's last stored seq (`streamKey` → seq;
 * absent: nothing stored yet).
 */
export function planGroup(batches: readonly PendingBatch[], lastStored: ReadonlyMap<string, number>): GroupPlan {
  const last = new Map(lastStored);
  const rows: StorableBatch[] = [];
  const outcomes = batches.map((batch): BatchOutcome => {
    const key = streamKey(batch.sessionId, batch.streamId);
    const previous = last.get(key) ?? 0;
    if (batch.seq <= previous) return { ok: true };
    if (batch.seq !== previous + 1) {
      return { ok: false, code: 'out_of_order', message: `expected seq ${previous + 1} of stream ${batch.streamId}, got ${batch.seq}` };
    }
    const parsed = parseEventsJson(batch.json);
    if (!parsed.ok) return { ok: false, code: 'bad_request', message: `batch ${batch.seq} of stream ${batch.streamId}: ${parsed.message}` };
    rows.push({ ...batch, hasFullSnapshot: containsFullSnapshot(parsed.events) });
    last.set(key, batch.seq);
    return { ok: true };
  });
  return { rows, outcomes };
}
