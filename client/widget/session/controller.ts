import {
  PROTOCOL_VERSION,
  type CustomerSessionView,
  type EndReason,
  type UnsentBatch,
  type TabPresence,
  type WidgetConfig,
} from '@tsunagi/shared';
import { currentFrameOrigins, currentSelectors, type ScriptOptions } from '../config/site-options.ts';
import type { PasswordMemory } from '../recording/masking.ts';
import { startRecording, type Recording } from '../recording/recorder.ts';
import { clockOffset, toLocalTime, toServerTime } from '../transport/clock.ts';
import { CustomerConnection } from '../transport/connection.ts';
import { FALLBACK_CONFIG, createSession, fetchWidgetConfig } from '../transport/http-api.ts';
import { Outbox, type SendOutcome, type StreamBacklog } from '../transport/outbox.ts';
import {
  SESSION_KEY,
  clearBacklogs,
  clearSession,
  loadSession,
  safeStorage,
  saveBacklogs,
  saveSession,
  takeBacklogs,
  type StoredSession,
} from '../transport/persistence.ts';
import { randomStreamId } from '../transport/random-id.ts';
import type { WidgetRoot } from '../ui/host.ts';
import { allScreens } from '../ui/screen-sets.ts';
import { sharingCss } from '../ui/styles.ts';
import type { WidgetView } from '../ui/view.ts';
import { Guidance } from '../guidance/guidance.ts';
import { currentPage, pageLang } from './page-info.ts';
import { samePresence, tabPresence } from './tab-presence.ts';
import { UniqueTabId } from './unique-tab-id.ts';
import { initialState, isSharing, pendingStart, transition, type PendingStart, type WidgetEvent, type WidgetState } from './state.ts';

const MAX_TIMEOUT = 2 ** 31 - 1;

/** What the loader (loader/launcher.ts) hands over when sharing starts or resumes. */
export interface ControllerEnv {
  win: Window;
  script: ScriptOptions;
  ui: WidgetRoot;
  /** The loader's view, with the screen it shows now. */
  view: WidgetView;
  /** Watching since the page loaded (see PasswordMemory). */
  passwords: PasswordMemory;
  /** Where the loader left off: idle, or consenting with the customer's agreement on its way. */
  state?: WidgetState;
  /** A `Tsunagi.start()` the loader is still answering. */
  pendingStart?: PendingStart | null;
}

/**
 * The widget's brain: runs the consent → session → recording → end flow and
 * wires the pieces together (HTTP API, socket, outbox, recorder, storage, view).
 * One instance per page load, created by the loader when sharing starts or
 * resumes (it lives in the lazily loaded sharing chunk); `streamId` names
 * this page load's stream.
 */
export class WidgetController {
  private state: WidgetState;
  private offline = false;
  private stopping = false;
  private readonly win: Window;
  private readonly doc: Document;
  private readonly origin: string;
  private readonly local: Storage | null;
  private readonly tab: Storage | null;
  private readonly view: WidgetView;
  /** Pointer, highlight, chat and remote control (with consent). */
  private readonly guidance: Guidance;
  /** Watching from page load, so a show-password toggle used before sharing still counts. */
  private readonly passwords: PasswordMemory;
  readonly streamId = randomStreamId();
  /** The tab this page is in (the same for every page load of the tab, not shared with a duplicate of it). */
  private readonly tabId: UniqueTabId;
  /** What the server last heard of this tab's visibility and focus. */
  private sentPresence: TabPresence | null = null;

  private session: StoredSession | null = null;
  private config: WidgetConfig | null = null;
  private connection: CustomerConnection | null = null;
  private outbox: Outbox | null = null;
  /** Backlogs taken from sessionStorage before the outbox exists (kept for a pagehide in between). */
  private earlyBacklogs: StreamBacklog[] = [];
  private recording: Recording | null = null;
  /** Server clock − local clock, from the latest hello. */
  private offset = 0;
  private connectedOnce = false;
  private helloRun = 0;
  private helloFailures = 0;
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private codeTimer: ReturnType<typeof setTimeout> | undefined;
  private pageTimer: ReturnType<typeof setInterval> | undefined;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private lastPage = '';
  private lastLang = '';
  private pendingStart: PendingStart | null;
  private stopPromise: Promise<void> | null = null;

  constructor(private readonly env: ControllerEnv) {
    this.win = env.win;
    this.doc = env.win.document;
    this.origin = env.script.origin;
    this.local = safeStorage(() => env.win.localStorage);
    this.tab = safeStorage(() => env.win.sessionStorage);
    this.tabId = new UniqueTabId(this.tab, (name) => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null));
    this.state = env.state ?? initialState;
    this.pendingStart = env.pendingStart ?? null;
    this.passwords = env.passwords;
    // The screens after consent bring their styles (inside the recorder-blocked root, like guidance's).
    const style = this.doc.createElement('style');
    style.textContent = sharingCss;
    (env.ui.stage.parentElement ?? env.ui.shadow).append(style);
    this.guidance = new Guidance(this.win, env.ui, this.local, pageLang(this.doc));
    this.view = env.view;
    this.view.handOver(
      {
        help: () => void this.start().catch(() => undefined),
        agree: () => void this.agree(),
        cancel: () => this.cancel(),
        stop: () => void this.stop(),
        dismiss: () => this.dispatch({ type: 'dismiss' }),
      },
      allScreens,
      this.guidance.dock,
    );
  }

  /**
   * Listens to the page and the other tabs; with `resume`, rejoins the
   * session another page of this site started (or shows the help button if
   * what is stored is not a live session after all).
   */
  init(resume: boolean): void {
    this.win.addEventListener('pagehide', () => {
      this.persistBacklog();
      this.tabId.sleep();
    });
    this.win.addEventListener('pageshow', (event) => {
      this.tabId.wake();
      // Back from the bfcache: this page is alive again and still holds its backlog in memory.
      if (event.persisted && this.session) clearBacklogs(this.tab);
    });
    this.win.addEventListener('storage', (event) => this.onStorage(event));
    this.doc.addEventListener('visibilitychange', () => this.reportPresence());
    this.win.addEventListener('focus', () => this.reportPresence());
    this.win.addEventListener('blur', () => this.reportPresence());
    // The widget speaks the page's language, also when the site switches it
    // without a page load (and when the site sets <html lang> after we start).
    new MutationObserver(() => {
      if (pageLang(this.doc) !== this.lastLang) this.render();
    }).observe(this.doc.documentElement, { attributes: true, attributeFilter: ['lang'] });
    const stored = resume ? loadSession(this.local, this.origin) : null;
    if (stored) this.resume(stored);
    else this.render();
  }

  // ── Public API ──────────────────────────────────────────────────────────

  /** Opens the consent dialog; resolves with the join code once the session exists, rejects if declined. */
  start(): Promise<{ code: string }> {
    if (this.pendingStart) return this.pendingStart.promise;
    if (this.state.kind === 'waiting' && this.state.code) return Promise.resolve({ code: this.state.code });
    if (isSharing(this.state)) return Promise.reject(new Error('Tsunagi: already sharing'));
    this.pendingStart = pendingStart();
    this.dispatch({ type: 'open' });
    return this.pendingStart.promise;
  }

  /** Ends sharing: no new events, what was recorded is delivered (briefly), then the session ends. */
  stop(): Promise<void> {
    if (this.stopPromise) return this.stopPromise;
    this.stopPromise = this.doStop().finally(() => (this.stopPromise = null));
    return this.stopPromise;
  }

  private async doStop(): Promise<void> {
    if (this.state.kind === 'consenting') {
      if (!this.state.busy) return this.cancel();
      await this.pendingStart?.promise.catch(() => undefined);
    }
    if (!this.session) return;
    const session = this.session;
    this.stopping = true;
    this.guidance.end(); // remote control ends the moment the customer presses Stop
    this.render();
    this.recording?.stop();
    this.recording = null;
    const { outbox, connection } = this;
    if (outbox?.isOnline) await outbox.whenDrained(3000);
    if (this.session !== session) return; // the server ended it meanwhile
    // Offline right now: give the connection a moment, so the server learns of the end
    // instead of waiting for its idle timeout. Locally, sharing ends regardless.
    if (connection && (await connection.whenConnected(5000))) await connection.request('end', {}, 5000);
    if (this.session === session) this.finish('customer');
  }

  // ── Consent ─────────────────────────────────────────────────────────────

  private cancel(): void {
    if (this.state.kind !== 'consenting' || this.state.busy) return;
    this.dispatch({ type: 'decline' });
    const pending = this.pendingStart;
    this.pendingStart = null;
    pending?.reject(new Error('Tsunagi: the customer declined'));
  }

  private async agree(): Promise<void> {
    if (this.state.kind !== 'consenting' || this.state.busy) return;
    this.dispatch({ type: 'agree' });
    await this.createAndShare();
  }

  /** The customer agreed (here, or in the loader's dialog): create the session and share. */
  async createAndShare(): Promise<void> {
    if (this.state.kind !== 'consenting' || !this.state.busy) return;
    const pending = this.pendingStart;
    try {
      const config = await this.loadConfig();
      const created = await createSession(this.origin, currentPage(this.win));
      this.session = { sessionId: created.sessionId, token: created.token, origin: this.origin, seenAt: Date.now() };
      saveSession(this.local, this.session);
      clearBacklogs(this.tab); // leftovers of an earlier session are of no use now
      this.dispatch({ type: 'created', code: created.code, codeExpiresAt: created.codeExpiresAt });
      this.beginSharing(config, []);
      this.pendingStart = null;
      pending?.resolve({ code: created.code });
    } catch (error) {
      this.pendingStart = null;
      this.dispatch({ type: 'failed' });
      console.warn('[tsunagi] could not start sharing', error);
      pending?.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async loadConfig(): Promise<WidgetConfig> {
    if (this.config) return this.config;
    try {
      this.config = await fetchWidgetConfig(this.origin);
    } catch {
      return FALLBACK_CONFIG;
    }
    return this.config;
  }

  // ── Sharing ─────────────────────────────────────────────────────────────

  /** A page load (or another tab) found a live session: rejoin it without asking again. */
  private resume(session: StoredSession): void {
    this.session = session;
    this.earlyBacklogs = takeBacklogs(this.tab, session.sessionId);
    this.dispatch({ type: 'resumed' });
    void this.loadConfig().then((config) => {
      if (this.session === session) this.beginSharing(config, this.earlyBacklogs);
      this.earlyBacklogs = [];
    });
  }

  private beginSharing(config: WidgetConfig, backlogs: StreamBacklog[]): void {
    const session = this.session!;
    this.config = config;
    this.outbox = new Outbox(this.streamId, {
      maxBatchBytes: config.maxBatchBytes,
      batchIntervalMs: config.batchIntervalMs,
      send: (batch) => this.sendBatch(batch),
      onResync: () => this.scheduleHello(250),
      onFatal: () => this.finish(null),
      onSnapshotNeeded: () => this.recording?.takeFullSnapshot(),
    });
    for (const backlog of backlogs) this.outbox.addBacklog(backlog);
    this.connection = new CustomerConnection(this.origin, session.token, {
      onConnect: () => {
        this.offline = false;
        this.render();
        void this.hello();
      },
      onDisconnect: () => {
        this.outbox?.goOffline();
        this.offline = this.connectedOnce;
        this.render();
      },
      onRejected: () => this.finish(null, !this.connectedOnce && this.isStale(session)),
      onSession: (view) => this.applyView(view),
      onSnapshotRequest: ({ streamId }) => {
        if (streamId === undefined || streamId === this.streamId) this.recording?.takeFullSnapshot();
      },
      onChat: (message) => this.guidance.onChat(message),
      onPointer: ({ agentName, streamId, point }) => this.guidance.onPointer(agentName, streamId, point),
      onHighlight: ({ streamId, nodeId }) => this.guidance.onHighlight(streamId, nodeId),
      onControlAction: ({ streamId, action }) => this.guidance.onAction(streamId, action),
    });
    this.guidance.start(session.sessionId, {
      request: (event, payload, timeoutMs) => this.connection?.request(event, payload, timeoutMs) ?? Promise.resolve({ ok: false, code: 'disconnected' }),
      recording: () => this.recording,
      offset: () => this.offset,
      streamId: this.streamId,
    });
    this.pageTimer = setInterval(() => this.maybeSendPage(), 1000);
    this.win.addEventListener('resize', this.onResize);
  }

  /**
   * On every (re)connect: tell the server who we are and learn what it holds.
   * The round trip also gives the clock offset applied to every event.
   */
  private async hello(): Promise<void> {
    // Not before this page knows its tab id is its own (a duplicated tab's copy is not).
    const tabId = await this.tabId.ready;
    const { connection, outbox } = this;
    if (!connection?.connected || !outbox) return;
    const run = ++this.helloRun;
    const page = currentPage(this.win);
    const presence = tabPresence(this.doc);
    const sentAt = Date.now();
    const result = await connection.request('hello', {
      protocol: PROTOCOL_VERSION,
      streamId: this.streamId,
      page,
      resumeStreams: outbox.resumeStreamIds,
      tab: { tabId, ...presence },
    });
    const receivedAt = Date.now();
    if (run !== this.helloRun || connection !== this.connection) return;
    if (!result.ok) {
      if (result.code === 'outdated_client') console.warn('[tsunagi] this page\'s widget is older or newer than the server; sharing stops until the page is reloaded');
      if (['session_ended', 'unauthorized', 'not_found', 'outdated_client'].includes(result.code)) this.finish(null);
      else this.scheduleHello(Math.min(30_000, 1000 * 2 ** ++this.helloFailures));
      return;
    }
    this.helloFailures = 0;
    this.connectedOnce = true;
    this.offset = clockOffset(sentAt, receivedAt, result.data.serverTime);
    this.lastPage = JSON.stringify(page);
    this.touchSession();
    this.applyView(result.data.session);
    if (!this.session) return; // it had ended
    outbox.goOnline(result.data.streams);
    if (!this.recording) this.startRecorder();
    this.guidance.connected();
    this.sentPresence = presence;
    this.reportPresence(); // a switch while hello was on its way
  }

  private scheduleHello(delay: number): void {
    if (this.helloTimer !== undefined) clearTimeout(this.helloTimer);
    this.helloTimer = setTimeout(() => {
      this.helloTimer = undefined;
      void this.hello();
    }, delay);
  }

  private startRecorder(): void {
    const config = this.config ?? FALLBACK_CONFIG;
    this.recording = startRecording({
      site: currentSelectors(this.env.script, this.win.TsunagiSettings),
      frameOrigins: currentFrameOrigins(this.env.script, this.win.TsunagiSettings),
      checkoutEveryMs: config.checkoutEveryMs,
      passwords: this.passwords,
      // Onto the server's clock, so a customer clock minutes off cannot delay the agent's view.
      emit: (event) => this.outbox?.push({ ...event, timestamp: toServerTime(event.timestamp, this.offset) }),
    });
  }

  private async sendBatch(batch: UnsentBatch): Promise<SendOutcome> {
    const connection = this.connection;
    if (!connection) return { ok: false, code: 'disconnected' };
    // As text: the server relays and stores it without parsing it on its busy thread.
    const { streamId, seq, events } = batch;
    const result = await connection.request('batch', { streamId, seq, eventsJson: JSON.stringify(events) }, 30_000);
    if (result.ok) {
      return result.data.streamId === batch.streamId && result.data.seq === batch.seq ? { ok: true } : { ok: false, code: 'out_of_order' };
    }
    // A malformed answer tells us nothing about what was stored: resync.
    return { ok: false, code: result.code === 'bad_response' ? 'timeout' : result.code };
  }

  private applyView(view: CustomerSessionView): void {
    if (!this.session || view.sessionId !== this.session.sessionId) return;
    if (view.status === 'ended') {
      this.finish(view.endedReason);
      return;
    }
    this.dispatch({ type: 'session', view, offset: this.offset });
    this.guidance.onView(view);
    this.scheduleCodeRefresh();
  }

  /** While waiting, a new code replaces the old one the moment it expires. */
  private scheduleCodeRefresh(): void {
    if (this.codeTimer !== undefined) clearTimeout(this.codeTimer);
    this.codeTimer = undefined;
    if (this.state.kind !== 'waiting' || this.state.codeExpiresAt === null) return;
    const delay = Math.min(MAX_TIMEOUT, Math.max(0, this.state.codeExpiresAt - Date.now()));
    this.codeTimer = setTimeout(() => void this.refreshCode(), delay);
  }

  private async refreshCode(): Promise<void> {
    this.codeTimer = undefined;
    const connection = this.connection;
    if (this.state.kind !== 'waiting' || !connection) return;
    const result = await connection.request('code:refresh', {});
    if (connection !== this.connection) return;
    if (result.ok) {
      this.dispatch({ type: 'code', code: result.data.code, codeExpiresAt: toLocalTime(result.data.codeExpiresAt, this.offset) });
      this.scheduleCodeRefresh();
    } else if (result.code === 'session_ended') {
      this.finish(null);
    } else if (result.code !== 'disconnected' && result.code !== 'conflict') {
      // Disconnected: the next hello brings the code. Conflict: an agent joined; the push follows.
      this.codeTimer = setTimeout(() => void this.refreshCode(), 5000);
    }
  }

  /** Ends everything locally (the server ended it, or our Stop went through). */
  private finish(reason: EndReason | null, quiet = false): void {
    const session = this.session;
    if (!session) return;
    this.session = null;
    this.guidance.end();
    for (const timer of [this.helloTimer, this.codeTimer, this.resizeTimer]) if (timer !== undefined) clearTimeout(timer);
    if (this.pageTimer !== undefined) clearInterval(this.pageTimer);
    this.helloTimer = this.codeTimer = this.resizeTimer = this.pageTimer = undefined;
    this.win.removeEventListener('resize', this.onResize);
    this.recording?.stop();
    this.recording = null;
    this.outbox?.close();
    this.outbox = null;
    this.connection?.close();
    this.connection = null;
    // Only forget the stored session if it is still ours (another tab may have started a new one).
    if (loadSession(this.local, this.origin)?.sessionId === session.sessionId) clearSession(this.local);
    clearBacklogs(this.tab);
    this.offline = false;
    this.stopping = false;
    this.connectedOnce = false;
    if (quiet) {
      this.state = initialState;
      this.render();
    } else {
      this.dispatch({ type: 'ended', reason });
    }
  }

  /** A leftover from long ago (a crashed browser, say): end it without a message. */
  private isStale(session: StoredSession): boolean {
    const idle = (this.config ?? FALLBACK_CONFIG).idleTimeoutMs;
    return Date.now() - session.seenAt > idle;
  }

  private touchSession(): void {
    if (!this.session) return;
    this.session = { ...this.session, seenAt: Date.now() };
    saveSession(this.local, this.session);
  }

  // ── Page events ─────────────────────────────────────────────────────────

  private readonly onResize = (): void => {
    if (this.resizeTimer !== undefined) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.maybeSendPage(), 400);
  };

  /** Tells the server when the title, URL (SPA navigation) or viewport changed. */
  private maybeSendPage(): void {
    const lang = pageLang(this.doc);
    if (lang !== this.lastLang) this.render();
    const { connection, outbox } = this;
    if (!connection?.connected || !outbox?.isOnline) return;
    const page = currentPage(this.win);
    const key = JSON.stringify(page);
    if (key === this.lastPage) return;
    this.lastPage = key;
    void connection.request('page', page);
  }

  /** Saves this page's unacknowledged batches so the next page in this tab resends them. */
  private persistBacklog(): void {
    if (!this.session) return;
    const backlogs = this.outbox ? this.outbox.backlog() : this.earlyBacklogs;
    if (backlogs.length > 0 && !saveBacklogs(this.tab, this.session.sessionId, backlogs)) {
      console.warn('[tsunagi] could not keep all unsent events across the page load');
    }
  }

  private onStorage(event: StorageEvent): void {
    if (event.key !== SESSION_KEY && event.key !== null) return;
    const stored = loadSession(this.local, this.origin);
    if (this.session && stored?.sessionId !== this.session.sessionId) {
      // Ended in another tab. Our own socket normally says so (with the reason) first.
      const session = this.session;
      setTimeout(() => {
        if (this.session === session) this.finish(null);
      }, 1500);
    } else if (!this.session && stored && (this.state.kind === 'idle' || this.state.kind === 'ended')) {
      // Another tab of this site started sharing: this tab is part of it too.
      this.resume(stored);
    }
  }

  /**
   * Several tabs may share at once. When the customer switches tabs or
   * windows, each tab says whether it is shown and focused; the server
   * decides which one is active (the agent's view follows it) and asks that
   * tab for a fresh full snapshot. Guidance names its stream, so no tab
   * has to guess whether it is meant.
   */
  private reportPresence(): void {
    const { connection, outbox } = this;
    // Before hello (or while offline) there is nothing to do: the next hello carries it.
    if (!connection?.connected || !outbox?.isOnline) return;
    const presence = tabPresence(this.doc);
    if (samePresence(this.sentPresence, presence)) return;
    this.sentPresence = presence;
    void connection.request('tab', presence).then((result) => {
      if (!result.ok && connection === this.connection) this.sentPresence = null;
    });
  }

  // ── View ────────────────────────────────────────────────────────────────

  private dispatch(event: WidgetEvent): void {
    this.state = transition(this.state, event);
    this.render();
  }

  private render(): void {
    const lang = pageLang(this.doc);
    this.lastLang = lang;
    this.guidance.setLang(lang);
    this.view.render({ state: this.state, lang, offline: this.offline && isSharing(this.state), stopping: this.stopping });
  }
}
