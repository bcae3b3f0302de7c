import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { EndReason, PageInfo, RelayedBatch } from '@tsunagi/shared';
import type { CobrowseSessionsTable, Database } from '../../storage/schema.ts';

export type SessionRow = Selectable<CobrowseSessionsTable>;

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Co-browse sessions, their streams and stored batches: every read and write in SQL. */
export class SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(page: PageInfo, now: number, codeTtlMs: number): Promise<SessionRow> {
    // The live-code index is unique; a clash (1 in a million per live session) retries.
    for (let attempt = 0; ; attempt++) {
      const row: SessionRow = {
        id: randomUUID(),
        status: 'waiting',
        code: newCode(),
        code_expires_at: now + codeTtlMs,
        owner_id: null,
        created_at: now,
        consented_at: now,
        ended_at: null,
        ended_reason: null,
        page_url: page.url,
        page_title: page.title,
        page_lang: page.lang,
        viewport_width: page.viewport.width,
        viewport_height: page.viewport.height,
        customer_disconnected_at: now,
        last_activity_at: now,
        checkpoint_stream_id: null,
        checkpoint_seq: null,
        control_state: 'off',
        transfer_note: null,
      };
      try {
        await this.db.insertInto('cobrowse_sessions').values(row).execute();
        return row;
      } catch (error) {
        if (attempt >= 5 || !(await this.codeInUse(row.code!))) throw error;
      }
    }
  }

  private async codeInUse(code: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('cobrowse_sessions')
      .select('id')
      .where('code', '=', code)
      .where('status', '<>', 'ended')
      .executeTakeFirst();
    return row !== undefined;
  }

  get(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('cobrowse_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Gives a waiting session to `ownerId`; false if it was not waiting any more. */
  async takeIfWaiting(id: string, ownerId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('cobrowse_sessions')
      .set({ status: 'active', owner_id: ownerId, code: null, code_expires_at: null })
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Moves remote control to `to`, only from one of `from` states; true if it moved. */
  async setControl(id: string, to: SessionRow['control_state'], from: SessionRow['control_state'][]): Promise<boolean> {
    const result = await this.db
      .updateTable('cobrowse_sessions')
      .set({ control_state: to })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('control_state', 'in', from)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Hands an active session from its owner to another agent, with a note. */
  async transferOwner(id: string, fromOwnerId: string, toOwnerId: string, note: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('cobrowse_sessions')
      .set({ owner_id: toOwnerId, transfer_note: note, control_state: 'off' })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('owner_id', '=', fromOwnerId)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Puts an active session back in the waiting queue (no owner, no code: taken from the queue). */
  async returnToQueue(id: string, fromOwnerId: string, note: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('cobrowse_sessions')
      .set({ status: 'waiting', owner_id: null, transfer_note: note, control_state: 'off' })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('owner_id', '=', fromOwnerId)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Every session not ended, oldest first (supervisors' overview). */
  listLive(): Promise<SessionRow[]> {
    return this.db
      .selectFrom('cobrowse_sessions')
      .selectAll()
      .where('status', '<>', 'ended')
      .orderBy('created_at')
      .limit(1000)
      .execute();
  }

  findLiveByCode(code: string, now: number): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('cobrowse_sessions')
      .selectAll()
      .where('code', '=', code)
      .where('status', '=', 'waiting')
      .where('code_expires_at', '>', now)
      .executeTakeFirst();
  }

  async refreshCode(id: string, now: number, codeTtlMs: number): Promise<SessionRow | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newCode();
      try {
        const result = await this.db
          .updateTable('cobrowse_sessions')
          .set({ code, code_expires_at: now + codeTtlMs })
          .where('id', '=', id)
          .where('status', '=', 'waiting')
          .executeTakeFirst();
        return result.numUpdatedRows === 1n ? this.get(id) : undefined;
      } catch (error) {
        if (!(await this.codeInUse(code))) throw error;
      }
    }
    throw new Error('no free join code after 5 attempts');
  }

  /** Ends the session; true only for the call that actually ended it. */
  async end(id: string, reason: EndReason, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('cobrowse_sessions')
      .set({ status: 'ended', ended_at: now, ended_reason: reason, code: null, code_expires_at: null })
      .where('id', '=', id)
      .where('status', '<>', 'ended')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Ends every session idle since before `cutoff`; returns the ones this call ended. */
  async endIdle(cutoff: number, now: number): Promise<string[]> {
    const rows = await this.db
      .updateTable('cobrowse_sessions')
      .set({ status: 'ended', ended_at: now, ended_reason: 'idle', code: null, code_expires_at: null })
      .where('status', '<>', 'ended')
      .where('last_activity_at', '<', cutoff)
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  listWaiting(): Promise<SessionRow[]> {
    return this.db
      .selectFrom('cobrowse_sessions')
      .selectAll()
      .where('status', '=', 'waiting')
      .orderBy('created_at')
      .limit(500)
      .execute();
  }

  listOpenOwnedBy(ownerId: string): Promise<SessionRow[]> {
    return this.db
      .selectFrom('cobrowse_sessions')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
  }

  async updatePage(id: string, page: PageInfo, now: number): Promise<void> {
    await this.db
      .updateTable('cobrowse_sessions')
      .set({
        page_url: page.url,
        page_title: page.title,
        page_lang: page.lang,
        viewport_width: page.viewport.width,
        viewport_height: page.viewport.height,
        last_activity_at: now,
      })
      .where('id', '=', id)
      .where('status', '<>', 'ended')
      .execute();
  }

  /** `connected`: the customer is back (counts as activity); otherwise they left at `now`. */
  async setCustomerConnected(id: string, connected: boolean, now: number): Promise<void> {
    const update = connected ? { customer_disconnected_at: null, last_activity_at: now } : { customer_disconnected_at: now };
    await this.db.updateTable('cobrowse_sessions').set(update).where('id', '=', id).execute();
  }

  /** Each stream's last stored seq (0: nothing stored), from the batches' unique index. */
  async streamPositions(sessionId: string, streamIds: readonly string[]): Promise<Map<string, number>> {
    const positions = new Map(streamIds.map((id) => [id, 0]));
    if (streamIds.length === 0) return positions;
    const rows = await this.db
      .selectFrom('event_batches')
      .select((eb) => ['stream_id', eb.fn.max('seq').as('last_seq')])
      .where('session_id', '=', sessionId)
      .where('stream_id', 'in', [...streamIds])
      .groupBy('stream_id')
      .execute();
    for (const row of rows) positions.set(row.stream_id, Number(row.last_seq));
    return positions;
  }

  /** The stored batches from the latest full snapshot on, oldest first. */
  async checkpointBatches(session: SessionRow): Promise<RelayedBatch[]> {
    if (session.checkpoint_stream_id === null || session.checkpoint_seq === null) return [];
    const start = await this.db
      .selectFrom('event_batches')
      .select('id')
      .where('session_id', '=', session.id)
      .where('stream_id', '=', session.checkpoint_stream_id)
      .where('seq', '=', session.checkpoint_seq)
      .executeTakeFirst();
    if (!start) return [];
    const rows = await this.db
      .selectFrom('event_batches')
      .select(['stream_id', 'seq', 'received_at', 'events'])
      .where('session_id', '=', session.id)
      .where('id', '>=', start.id)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      sessionId: session.id,
      streamId: row.stream_id,
      seq: row.seq,
      receivedAt: row.received_at,
      eventsJson: row.events,
    }));
  }

  /**
   * The stored batches of one stream from its latest full snapshot on, in
   * order: where a view of that stream (one tab's page) starts. Empty if the
   * stream has stored no full snapshot yet.
   */
  async streamCheckpoint(sessionId: string, streamId: string): Promise<RelayedBatch[]> {
    const start = await this.db
      .selectFrom('event_batches')
      .select('seq')
      .where('session_id', '=', sessionId)
      .where('stream_id', '=', streamId)
      .where('has_full_snapshot', '=', 1)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!start) return [];
    const rows = await this.db
      .selectFrom('event_batches')
      .select(['seq', 'received_at', 'events'])
      .where('session_id', '=', sessionId)
      .where('stream_id', '=', streamId)
      .where('seq', '>=', start.seq)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      sessionId,
      streamId,
      seq: row.seq,
      receivedAt: row.received_at,
      eventsJson: row.events,
    }));
  }

  /** Every stored batch of a session in order (recordings, tests). */
  async allBatches(sessionId: string): Promise<{ streamId: string; seq: number; events: string }[]> {
    const rows = await this.db
      .selectFrom('event_batches')
      .select(['stream_id', 'seq', 'events'])
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ streamId: row.stream_id, seq: row.seq, events: row.events }));
  }
}
