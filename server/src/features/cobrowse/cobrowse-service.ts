import {
  PROTOCOL_VERSION,
  type CreateSessionResponse,
  type CustomerSessionView,
  type CustomerTab,
  type EndReason,
  type EventBatch,
  type HelloRequest,
  type HelloResponse,
  type LiveSession,
  type PageInfo,
  type QueueEntry,
  type QueueSnapshot,
  type RelayedBatch,
  type TabPresence,
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
import { describeTabs } from './customer-tabs.ts';
import type { TabStore } from './tab-store.ts';

/** What the service needs from the real-time layer; Socket.IO implements it. */
export interface CobrowseNotifier {
  /** Relays a batch whose events are already JSON text (`eventsJson`), so they are not serialised twice. */
  relayBatch(batch: RelayedBatch): void;
  sessionChanged(sessionId: string): void;
  queueChanged(): void;
  /** Asks the tab holding `streamId` (every tab when absent) for a fresh full snapshot. */
  requestSnapshot(sessionId: string, streamId?: string): void;
  viewersOf(sessionId: string): Promise<Viewer[]>;
  /** The customer's live sockets: whether there are any, and the tabs they are in. */
  customerPresence(sessionId: string): Promise<{ connected: boolean; tabIds: ReadonlySet<string> }>;
}

/** The tab a customer socket speaks for, known from its `hello`. */
export interface TabRef {
  tabId: string;
  streamId: string;
}

export interface CobrowseSettings {
  codeTtlMs: number;
  idleTimeoutMs: number;
  maxBatchBytes: number;
  /** A tab away this long, while another tab carries on, is closed. */
  tabGoneAfterMs: number;
}

export interface CobrowseDeps {
  sessions: SessionStore;
  tabs: TabStore;
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
  /** Re-publishes a session when a tab that went away turns closed. */
  private readonly tabTimers = new Set<NodeJS.Timeout>();

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

  /** The tab a hello speaks for; a widget that names none is a tab of its own, shown. */
  static helloTab(request: HelloRequest): TabRef & TabPresence {
    return { streamId: request.streamId, ...(request.tab ?? { tabId: request.streamId, visible: true, focused: true }) };
  }

  async hello(sessionId: string, request: HelloRequest): Promise<HelloResponse> {
    // A page loaded before a deploy keeps its old widget: refuse it plainly
    // rather than let it stream batches in a shape this server refuses one by one.
    if (request.protocol !== PROTOCOL_VERSION) {
      throw new DomainError('outdated_client', `this widget speaks protocol ${request.protocol}, the server ${PROTOCOL_VERSION}: reload the page`);
    }
    const session = await this.openSession(sessionId);
    const streamIds = [request.streamId, ...request.resumeStreams];
    const positions = await this.deps.sessions.streamPositions(sessionId, streamIds);
    for (const [streamId, lastSeq] of positions) this.deps.sequencer.load(sessionId, streamId, lastSeq);
    const tab = CobrowseService.helloTab(request);
    await this.deps.tabs.pageLoaded(sessionId, tab.tabId, tab.streamId, request.page, tab, this.now());
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
    const json = batch.eventsJson;
    if (json.length > this.deps.settings.maxBatchBytes) {
      throw new DomainError('payload_too_large', `batch is ${json.length} bytes; the limit is ${this.deps.settings.maxBatchBytes}`);
    }
    const receivedAt = this.now();
    // The events stay text here: the group commit parses and checks them
    // before storing (batch-plan.ts), and viewers check what they replay.
    // A batch refused there rejects `stored`, which fails this request.
    const stored = this.deps.writer.append({ sessionId, streamId: batch.streamId, seq: batch.seq, receivedAt, json });
    sequencer.accept(sessionId, batch.streamId, batch.seq, stored);
    this.notify.relayBatch({ sessionId, streamId: batch.streamId, seq: batch.seq, receivedAt, eventsJson: json });
    try {
      await stored;
    } catch (error) {
      sequencer.refused(sessionId, batch.streamId, batch.seq, stored);
      throw error;
    }
    sequencer.stored(sessionId, batch.streamId, batch.seq, stored);
    return { streamId: batch.streamId, seq: batch.seq };
  }

  async updatePage(sessionId: string, page: PageInfo, tab?: TabRef): Promise<void> {
    const session = await this.openSession(sessionId);
    await this.deps.sessions.updatePage(sessionId, page, this.now());
    if (tab) await this.deps.tabs.pageChanged(sessionId, tab.tabId, tab.streamId, page);
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

  /** A tab was shown or hidden, or gained or lost the focus: the active tab may change. */
  async tabPresence(sessionId: string, tab: TabRef, presence: TabPresence): Promise<void> {
    const row = await this.openSession(sessionId);
    const before = (await this.storedTabs(row)).find((candidate) => candidate.active)?.streamId;
    if (!(await this.deps.tabs.presence(sessionId, tab.tabId, tab.streamId, presence, this.now()))) return;
    this.notify.sessionChanged(sessionId);
    const after = (await this.storedTabs(row)).find((candidate) => candidate.active)?.streamId;
    // The customer turned to another tab: a fresh full snapshot of it, so the
    // view that follows starts from now rather than from an older checkpoint.
    if (after === tab.streamId && before !== after) this.notify.requestSnapshot(sessionId, tab.streamId);
  }

  /**
   * The page of a tab went away (its last socket closed). It is away now; if
   * no page of the tab comes back, it turns closed after `tabGoneAfterMs`,
   * and the viewers hear of it then.
   */
  async tabGone(sessionId: string, tab: TabRef): Promise<void> {
    if (!(await this.deps.tabs.pageGone(sessionId, tab.tabId, tab.streamId, this.now()))) return;
    this.notify.sessionChanged(sessionId);
    const timer = setTimeout(() => {
      this.tabTimers.delete(timer);
      this.notify.sessionChanged(sessionId);
    }, this.deps.settings.tabGoneAfterMs + 50);
    timer.unref();
    this.tabTimers.add(timer);
  }

  /** Stops the timers (the app is closing). */
  dispose(): void {
    for (const timer of this.tabTimers) clearTimeout(timer);
    this.tabTimers.clear();
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
    await this.deps.codeLimiter.assertAllowed(user.id);
    const row = await this.deps.sessions.findLiveByCode(code, this.now());
    if (!row) {
      await this.deps.codeLimiter.recordFailure(user.id);
      throw new DomainError('code_invalid', 'no waiting session has this code (it may have expired)');
    }
    return this.take(user, row.id);
  }

  /**
   * Opens the live view: the latest checkpoint now, live batches after. The
   * owner watches to guide; a supervisor may `monitor` any session read-only.
   * The checkpoint is of the active tab's stream, or of `streamId` (the
   * console switching to another tab's stream: the customer turned to it,
   * or the agent picked a background tab to look at). Either way the tab
   * holding that stream is asked for a fresh full snapshot, so the view
   * shows the page as it is now, not as it was at its last checkpoint.
   */
  async watch(
    user: User,
    sessionId: string,
    mode: 'owner' | 'monitor' = 'owner',
    streamId?: string,
  ): Promise<{ response: WatchResponse; session: SessionRow }> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('not_found', 'no such session');
    if (mode === 'owner' && row.owner_id !== user.id) throw new DomainError('forbidden', 'only the agent who owns the session can watch it');
    if (row.status === 'ended') throw new DomainError('session_ended', 'this session has ended');
    // Batches still waiting for their group commit belong in the checkpoint too.
    await this.deps.writer.flush();
    const fresh = (await this.deps.sessions.get(sessionId))!;
    const session = await this.liveSession(fresh);
    if (streamId !== undefined && !session.tabs.some((tab) => tab.streamId === streamId) && !(await this.hasStream(sessionId, streamId))) {
      throw new DomainError('not_found', 'no such stream in this session');
    }
    const stream = streamId ?? session.tabs.find((tab) => tab.active)?.streamId ?? null;
    const checkpoint = stream ? await this.deps.sessions.streamCheckpoint(sessionId, stream) : await this.deps.sessions.checkpointBatches(fresh);
    // A fresh full snapshot heals anything between the store read and the live feed.
    this.notify.requestSnapshot(sessionId, stream ?? undefined);
    return { response: { session, streamId: stream, checkpoint }, session: fresh };
  }

  /**
   * Guidance names a stream: it must be the page a tab of this session shows
   * now (and for remote control, the active tab's), or nothing is sent.
   */
  async assertGuidanceStream(row: SessionRow, streamId: string, need: 'open' | 'active'): Promise<void> {
    const tab = (await this.storedTabs(row)).find((candidate) => candidate.streamId === streamId);
    if (!tab) {
      if (await this.hasStream(row.id, streamId)) throw new DomainError('conflict', 'the customer has left that page');
      throw new DomainError('not_found', 'no such stream in this session');
    }
    if (tab.state === 'closed') throw new DomainError('conflict', 'that tab was closed');
    if (need === 'active' && !tab.active) throw new DomainError('conflict', 'the customer is looking at another tab');
  }

  private async hasStream(sessionId: string, streamId: string): Promise<boolean> {
    return ((await this.deps.sessions.streamPositions(sessionId, [streamId])).get(streamId) ?? 0) > 0;
  }

  /** The tabs from the store alone (no socket lookup): cheap enough for every pointer move. */
  private async storedTabs(row: SessionRow): Promise<CustomerTab[]> {
    return describeTabs(await this.deps.tabs.list(row.id), this.tabContext(row));
  }

  private tabContext(row: SessionRow, connected?: ReadonlySet<string>) {
    return {
      now: this.now(),
      goneAfterMs: this.deps.settings.tabGoneAfterMs,
      ended: row.status === 'ended',
      fallbackSince: row.customer_disconnected_at ?? row.last_activity_at,
      ...(connected ? { connected } : {}),
    };
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
    const [owner, viewers, presence, tabRows] = await Promise.all([
      row.owner_id ? this.deps.users.findById(row.owner_id) : undefined,
      this.notify.viewersOf(row.id),
      this.notify.customerPresence(row.id),
      this.deps.tabs.list(row.id),
    ]);
    const connected = presence.connected;
    const tabs = describeTabs(tabRows, this.tabContext(row, presence.tabIds));
    const active = tabs.find((tab) => tab.active);
    return {
      sessionId: row.id,
      status: row.status,
      createdAt: row.created_at,
      owner: owner ? { userId: owner.id, displayName: owner.displayName } : null,
      customerConnected: connected,
      // After a node crash the row may still say "connected"; the last thing
      // heard from the customer is then the best estimate of when they went.
      customerDisconnectedAt: connected ? null : (row.customer_disconnected_at ?? row.last_activity_at),
      // The page of the tab the customer is looking at (the one the view shows).
      page: {
        url: active?.url ?? row.page_url,
        title: active?.title ?? row.page_title,
        lang: row.page_lang,
        viewport: { width: row.viewport_width, height: row.viewport_height },
      },
      viewers,
      endedReason: row.ended_reason,
      control: row.control_state,
      transferNote: row.transfer_note,
      tabs,
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
