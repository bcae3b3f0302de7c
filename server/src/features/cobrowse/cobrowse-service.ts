import {
  containsFullSnapshot,
  type CreateSessionResponse,
  type CustomerSessionView,
  type EndReason,
  type EventBatch,
  type HelloRequest,
  type HelloResponse,
  type LiveSession,
  type PageInfo,
  type QueueEntry,
  type QueueSnapshot,
  type RelayedBatch,
  type User,
  type Viewer,
  type WatchResponse,
} from '@tsunagi/shared';
import type { Logger } from 'pino';
import { DomainError } from '../../realtime/domain-error.ts';
import type { UserStore } from '../users/user-store.ts';
import type { BatchWriter } from './batch-writer.ts';
import type { CodeAttemptLimiter } from './code-attempt-limiter.ts';
import type { SessionRow, SessionStore } from './session-store.ts';
import type { SessionTokens } from './session-token.ts';
import type { StreamSequencer } from './stream-sequencer.ts';

/** What the service needs from the real-time layer; Socket.IO implements it. */
export interface CobrowseNotifier {
  /** Relays a batch whose events are already JSON text (`eventsJson`), so they are not serialised twice. */
  relayBatch(batch: Omit<RelayedBatch, 'events'>, eventsJson: string): void;
  sessionChanged(sessionId: string): void;
  queueChanged(): void;
  requestSnapshot(sessionId: string): void;
  viewersOf(sessionId: string): Promise<Viewer[]>;
  isCustomerConnected(sessionId: string): Promise<boolean>;
}

export interface CobrowseSettings {
  codeTtlMs: number;
  idleTimeoutMs: number;
  maxBatchBytes: number;
}

export interface CobrowseDeps {
  sessions: SessionStore;
  users: UserStore;
  writer: BatchWriter;
  sequencer: StreamSequencer;
  tokens: SessionTokens;
  codeLimiter: CodeAttemptLimiter;
  settings: CobrowseSettings;
  logger: Logger;
  now?: () => number;
}

/**
 * The co-browse domain: sessions, pairing, streaming. Transport-free, so the
 * rules (one owner, codes, ordering) are read in one place.
 */
export class CobrowseService {
  private notifier: CobrowseNotifier | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: CobrowseDeps) {
    this.now = deps.now ?? Date.now;
  }

  attach(notifier: CobrowseNotifier): void {
    this.notifier = notifier;
  }

  private get notify(): CobrowseNotifier {
    if (!this.notifier) throw new Error('CobrowseService used before a notifier was attached');
    return this.notifier;
  }

  // ── Customer side ────────────────────────────────────────────────────────

  async createSession(page: PageInfo): Promise<CreateSessionResponse> {
    const row = await this.deps.sessions.create(page, this.now(), this.deps.settings.codeTtlMs);
    this.deps.logger.info({ sessionId: row.id }, 'co-browse session created');
    this.notify.queueChanged();
    return { sessionId: row.id, token: this.deps.tokens.sign(row.id), code: row.code!, codeExpiresAt: row.code_expires_at! };
  }

  /** The session a customer token belongs to, if it is still open. */
  async authenticateCustomer(token: string): Promise<SessionRow> {
    const sessionId = this.deps.tokens.verify(token);
    if (!sessionId) throw new DomainError('unauthorized', 'invalid session token');
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('unauthorized', 'invalid session token');
    if (row.status === 'ended') throw new DomainError('session_ended', 'this session has ended');
    return row;
  }

  async hello(sessionId: string, request: HelloRequest): Promise<HelloResponse> {
    const session = await this.openSession(sessionId);
    const streamIds = [request.streamId, ...request.resumeStreams];
    const positions = await this.deps.sessions.streamPositions(sessionId, streamIds);
    for (const [streamId, lastSeq] of positions) this.deps.sequencer.load(sessionId, streamId, lastSeq);
    await this.deps.sessions.updatePage(sessionId, request.page, this.now());
    if (session.status === 'waiting') this.notify.queueChanged();
    this.notify.sessionChanged(sessionId);
    return {
      serverTime: this.now(),
      session: await this.customerView((await this.deps.sessions.get(sessionId))!),
      streams: streamIds.map((streamId) => ({ streamId, lastSeq: this.deps.sequencer.lastAccepted(sessionId, streamId) })),
    };
  }

  /**
   * Relays a batch to the viewers at once and acknowledges it once stored.
   * Relaying first keeps the live view fast; a viewer drops a batch it has
   * already seen (same stream and seq) if the customer has to resend.
   */
  async receiveBatch(sessionId: string, batch: EventBatch): Promise<{ streamId: string; seq: number }> {
    const { sequencer } = this.deps;
    if (!sequencer.isKnown(sessionId, batch.streamId)) {
      const positions = await this.deps.sessions.streamPositions(sessionId, [batch.streamId]);
      sequencer.load(sessionId, batch.streamId, positions.get(batch.streamId) ?? 0);
    }
    const verdict = sequencer.check(sessionId, batch.streamId, batch.seq);
    if (verdict === 'duplicate') {
      await sequencer.whenStored(sessionId, batch.streamId, batch.seq);
      return { streamId: batch.streamId, seq: batch.seq };
    }
    if (verdict === 'gap') {
      const expected = sequencer.lastAccepted(sessionId, batch.streamId) + 1;
      throw new DomainError('out_of_order', `expected seq ${expected} of stream ${batch.streamId}, got ${batch.seq}`);
    }
    const json = JSON.stringify(batch.events);
    if (json.length > this.deps.settings.maxBatchBytes) {
      throw new DomainError('payload_too_large', `batch is ${json.length} bytes; the limit is ${this.deps.settings.maxBatchBytes}`);
    }
    const receivedAt = this.now();
    const stored = this.deps.writer.append({
      sessionId,
      streamId: batch.streamId,
      seq: batch.seq,
      receivedAt,
      hasFullSnapshot: containsFullSnapshot(batch.events),
      json,
    });
    sequencer.accept(sessionId, batch.streamId, batch.seq, stored);
    this.notify.relayBatch({ sessionId, streamId: batch.streamId, seq: batch.seq, receivedAt }, json);
    await stored;
    return { streamId: batch.streamId, seq: batch.seq };
  }

  async updatePage(sessionId: string, page: PageInfo): Promise<void> {
    const session = await this.openSession(sessionId);
    await this.deps.sessions.updatePage(sessionId, page, this.now());
    if (session.status === 'waiting') this.notify.queueChanged();
    this.notify.sessionChanged(sessionId);
  }

  async refreshCode(sessionId: string): Promise<{ code: string; codeExpiresAt: number }> {
    const session = await this.openSession(sessionId);
    if (session.status !== 'waiting') throw new DomainError('conflict', 'an agent has already joined');
    const row = await this.deps.sessions.refreshCode(sessionId, this.now(), this.deps.settings.codeTtlMs);
    if (!row?.code || !row.code_expires_at) throw new DomainError('conflict', 'an agent has already joined');
    this.notify.sessionChanged(sessionId);
    return { code: row.code, codeExpiresAt: row.code_expires_at };
  }

  async customerConnectionChanged(sessionId: string, connected: boolean): Promise<void> {
    await this.deps.sessions.setCustomerConnected(sessionId, connected, this.now());
    this.notify.sessionChanged(sessionId);
  }

  // ── Agent side ───────────────────────────────────────────────────────────

  async queueSnapshot(user: User): Promise<QueueSnapshot> {
    const [waiting, mine] = await Promise.all([this.waitingQueue(), this.deps.sessions.listOpenOwnedBy(user.id)]);
    return { waiting, mine: await Promise.all(mine.map((row) => this.liveSession(row))) };
  }

  async waitingQueue(): Promise<QueueEntry[]> {
    const rows = await this.deps.sessions.listWaiting();
    return rows.map((row) => ({
      sessionId: row.id,
      createdAt: row.created_at,
      pageTitle: row.page_title,
      pageUrl: row.page_url,
      lang: row.page_lang,
      transferNote: row.transfer_note,
    }));
  }

  async take(user: User, sessionId: string): Promise<LiveSession> {
    if (!(await this.deps.sessions.takeIfWaiting(sessionId, user.id))) {
      const row = await this.deps.sessions.get(sessionId);
      if (!row) throw new DomainError('not_found', 'no such session');
      if (row.status === 'ended') throw new DomainError('session_ended', 'this session has ended');
      if (row.owner_id === user.id) return this.liveSession(row);
      throw new DomainError('already_taken', 'another agent has taken this session');
    }
    this.deps.logger.info({ sessionId, agentId: user.id }, 'session taken');
    this.notify.queueChanged();
    this.notify.sessionChanged(sessionId);
    return this.liveSession((await this.deps.sessions.get(sessionId))!);
  }

  async joinByCode(user: User, code: string): Promise<LiveSession> {
    this.deps.codeLimiter.assertAllowed(user.id);
    const row = await this.deps.sessions.findLiveByCode(code, this.now());
    if (!row) {
      this.deps.codeLimiter.recordFailure(user.id);
      throw new DomainError('code_invalid', 'no waiting session has this code (it may have expired)');
    }
    return this.take(user, row.id);
  }

  /**
   * Opens the live view: the latest checkpoint now, live batches after. The
   * owner watches to guide; a supervisor may `monitor` any session read-only.
   */
  async watch(user: User, sessionId: string, mode: 'owner' | 'monitor' = 'owner'): Promise<{ response: WatchResponse; session: SessionRow }> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('not_found', 'no such session');
    if (mode === 'owner' && row.owner_id !== user.id) throw new DomainError('forbidden', 'only the agent who owns the session can watch it');
    if (row.status === 'ended') throw new DomainError('session_ended', 'this session has ended');
    // Batches still waiting for their group commit belong in the checkpoint too.
    await this.deps.writer.flush();
    const fresh = (await this.deps.sessions.get(sessionId))!;
    const checkpoint = await this.deps.sessions.checkpointBatches(fresh);
    // A fresh full snapshot heals anything between the store read and the live feed.
    this.notify.requestSnapshot(sessionId);
    return { response: { session: await this.liveSession(fresh), checkpoint }, session: fresh };
  }

  async endByAgent(user: User, sessionId: string): Promise<void> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('not_found', 'no such session');
    if (row.owner_id !== user.id) throw new DomainError('forbidden', 'only the agent who owns the session can end it');
    await this.end(sessionId, 'agent');
  }

  async end(sessionId: string, reason: EndReason): Promise<void> {
    if (await this.deps.sessions.end(sessionId, reason, this.now())) {
      this.deps.logger.info({ sessionId, reason }, 'session ended');
      this.afterEnd(sessionId);
    }
  }

  async sweepIdle(): Promise<void> {
    const now = this.now();
    const ended = await this.deps.sessions.endIdle(now - this.deps.settings.idleTimeoutMs, now);
    for (const sessionId of ended) {
      this.deps.logger.info({ sessionId, reason: 'idle' }, 'session ended');
      this.afterEnd(sessionId);
    }
  }

  /** A viewer opened or closed the live view: the customer's bar lists viewers. */
  viewersChanged(sessionId: string): void {
    this.notify.sessionChanged(sessionId);
  }

  private afterEnd(sessionId: string): void {
    this.deps.sequencer.forgetSession(sessionId);
    this.notify.sessionChanged(sessionId);
    this.notify.queueChanged();
  }

  private async openSession(sessionId: string): Promise<SessionRow> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('not_found', 'no such session');
    if (row.status === 'ended') throw new DomainError('session_ended', 'this session has ended');
    return row;
  }

  // ── Views ────────────────────────────────────────────────────────────────

  async sessionRow(sessionId: string): Promise<SessionRow | undefined> {
    return this.deps.sessions.get(sessionId);
  }

  async liveSession(row: SessionRow): Promise<LiveSession> {
    const [owner, viewers, connected] = await Promise.all([
      row.owner_id ? this.deps.users.findById(row.owner_id) : undefined,
      this.notify.viewersOf(row.id),
      this.notify.isCustomerConnected(row.id),
    ]);
    return {
      sessionId: row.id,
      status: row.status,
      createdAt: row.created_at,
      owner: owner ? { userId: owner.id, displayName: owner.displayName } : null,
      customerConnected: connected,
      // After a node crash the row may still say "connected"; the last thing
      // heard from the customer is then the best estimate of when they went.
      customerDisconnectedAt: connected ? null : (row.customer_disconnected_at ?? row.last_activity_at),
      page: {
        url: row.page_url,
        title: row.page_title,
        lang: row.page_lang,
        viewport: { width: row.viewport_width, height: row.viewport_height },
      },
      viewers,
      endedReason: row.ended_reason,
      control: row.control_state,
      transferNote: row.transfer_note,
    };
  }

  async customerView(row: SessionRow): Promise<CustomerSessionView> {
    const [owner, viewers] = await Promise.all([
      row.owner_id ? this.deps.users.findById(row.owner_id) : undefined,
      this.notify.viewersOf(row.id),
    ]);
    return {
      sessionId: row.id,
      status: row.status,
      code: row.code,
      codeExpiresAt: row.code_expires_at,
      agent: owner ? { displayName: owner.displayName } : null,
      viewers,
      endedReason: row.ended_reason,
      control: row.control_state,
    };
  }
}
