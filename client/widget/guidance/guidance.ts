import type { ChatMessage, ControlAction, CustomerSessionView, Lang, NodePoint } from '@tsunagi/shared';
import type { Recording } from '../recording/recorder.ts';
import type { CustomerConnection } from '../transport/connection.ts';
import { h } from '../ui/dom.ts';
import type { WidgetRoot } from '../ui/host.ts';
import { ChatLog, unreadCount } from './chat-log.ts';
import { ChatPanel } from './chat-panel.ts';
import { ControlBar } from './control-bar.ts';
import { ControlConsentDialog } from './control-consent.ts';
import { execute, type Outcome } from './control-executor.ts';
import { HighlightOverlay } from './highlight.ts';
import { NodeLocator } from './locator.ts';
import { PointerOverlay } from './pointer.ts';
import { Sampler } from './sampler.ts';
import { guidanceStrings, type GuidanceStrings } from './strings.ts';
import { guidanceCss } from './styles.ts';

/** This browser's consent to remote control, shared by the tabs of the session (a page load keeps it). */
export const CONTROL_KEY = 'tsunagi.control';
/** The chat's open state and what was read, so a page load neither hides the conversation nor repeats the badge. */
export const CHAT_KEY = 'tsunagi.chat';
/** Pointer markers in the recording: at most ~5 a second. */
const POINTER_MARK_MS = 200;

/** What guidance needs from the running session (supplied by the widget controller). */
export interface GuidanceLink {
  request: CustomerConnection['request'];
  /** The recorder of this page, once it runs: node ids, masking rule, markers. */
  recording(): Recording | null;
  /** Server clock − local clock. */
  offset(): number;
  /**
   * This page's stream. Guidance names the stream the agent is looking at;
   * node ids name nodes of that stream only, so a tab acts on guidance for
   * its own stream and on nothing else.
   */
  streamId: string;
}

type LocalControl = 'off' | 'asking' | 'granted';

/**
 * The customer's side of guidance: the agent's pointer and highlights, the
 * chat, and remote control with consent. The server relays; this browser
 * decides. Control acts only while this browser's own state says granted —
 * set by the customer's Allow, ended by Stop, Esc, the end of the session or
 * the server turning it off — and every action passes `control-policy.ts`.
 */
export class Guidance {
  /** Shown in the sharing bar (and the code panel): control status and chat. */
  readonly dock: HTMLElement;
  private t: GuidanceStrings;
  private lang: Lang;
  private sessionId: string | null = null;
  private link: GuidanceLink | null = null;
  private control: LocalControl = 'off';
  private agentName: string | null = null;
  private readonly log = new ChatLog();
  private readUpTo = 0;
  private historyLoaded = false;
  private historyRun = 0;
  private readonly chat: ChatPanel;
  private readonly bar: ControlBar;
  private readonly consent: ControlConsentDialog;
  private readonly pointer: PointerOverlay;
  private readonly highlight: HighlightOverlay;
  private readonly live: HTMLElement;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Markers from before the recorder runs on this page (a page load applies the session view first). */
  private pendingMarks: [string, Record<string, unknown>][] = [];
  private readonly pointerMarks = new Sampler<NodePoint | null>(POINTER_MARK_MS, (point) => this.mark('tsunagi:pointer', { point }));

  constructor(
    private readonly win: Window,
    ui: WidgetRoot,
    private readonly local: Storage | null,
    lang: Lang,
  ) {
    this.lang = lang;
    this.t = guidanceStrings(lang);
    const root = ui.stage.parentElement ?? ui.shadow;
    const style = h('style', {});
    style.textContent = guidanceCss;
    // Under the widget's panels, over the page; never catching a click.
    const guides = h('div', { class: 'guides', 'aria-hidden': 'true' });
    ui.stage.before(guides);
    const modal = h('div', { class: 'modal-layer' });
    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite', 'data-testid': 'tsunagi-guidance-live' });
    root.append(style, modal, this.live);

    const recording = () => this.link?.recording() ?? null;
    this.pointer = new PointerOverlay(win, new NodeLocator('pointer', recording), guides);
    this.highlight = new HighlightOverlay(win, new NodeLocator('highlight', recording), guides);
    this.consent = new ControlConsentDialog(modal, ui.shadow, {
      allow: () => void this.allow(),
      decline: () => void this.decline(),
    });
    this.bar = new ControlBar(this.t, () => this.stopControl('customer', true));
    this.chat = new ChatPanel(this.t, {
      send: (text) => this.send(text),
      toggled: (open) => {
        if (open) this.markRead();
        this.saveChatState();
      },
    });
    this.dock = h('div', { class: 'guidance', 'data-testid': 'tsunagi-guidance' }, this.bar.el, this.chat.el);
    win.addEventListener('storage', (event) => this.onStorage(event));
  }

  // ── Session lifecycle ───────────────────────────────────────────────────

  /** Sharing began or resumed on this page for `sessionId`. */
  start(sessionId: string, link: GuidanceLink): void {
    if (this.sessionId !== sessionId) {
      this.reset();
      this.sessionId = sessionId;
      const stored = this.loadChatState();
      this.readUpTo = stored.readUpTo;
      this.chat.setOpen(stored.open);
    }
    this.link = link;
  }

  /** After every (re)connect and on page load (the recorder runs by now): the conversation so far. */
  connected(): void {
    const recording = this.link?.recording();
    if (recording) for (const [tag, payload] of this.pendingMarks.splice(0)) recording.mark(tag, payload);
    void this.loadHistory();
  }

  /** The session ended (or this page stopped sharing): everything off. */
  end(): void {
    if (this.control === 'granted') this.removeEsc();
    this.control = 'off';
    this.consent.close();
    this.bar.update(false, null);
    this.clearGrant();
    try {
      this.local?.removeItem(CHAT_KEY);
    } catch {
      // storage unavailable
    }
    this.reset();
  }

  setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.t = guidanceStrings(lang);
    this.chat.setStrings(this.t);
    this.bar.setStrings(this.t);
    this.consent.setStrings(this.t);
  }

  private reset(): void {
    this.sessionId = null;
    this.link = null;
    this.log.clear();
    this.readUpTo = 0;
    this.historyLoaded = false;
    this.historyRun++;
    this.chat.setMessages([], 0);
    this.chat.setUnread(0);
    this.chat.setOpen(false);
    this.pointer.hide();
    this.highlight.hide();
    this.pointerMarks.cancel();
    this.pendingMarks = [];
  }

  // ── Session view: control state ─────────────────────────────────────────

  onView(view: CustomerSessionView): void {
    if (view.sessionId !== this.sessionId) return;
    if (view.status === 'ended') {
      this.end();
      return;
    }
    this.agentName = view.agent?.displayName ?? null;
    switch (view.control) {
      case 'requested':
        // A new request always asks again, even if this browser believed it had granted (it missed the end).
        if (this.control === 'granted') this.stopControl('server_off', false);
        if (this.control === 'off' && view.status === 'active') this.ask();
        break;
      case 'granted':
        if (this.control !== 'granted') {
          if (this.hasGrant()) {
            // Granted in another tab, or before this page load: consent given, control continues.
            this.consent.close();
            this.beginControl('continued');
          } else {
            this.consent.close();
            this.control = 'off';
            void this.refuseUnknownGrant();
          }
        }
        break;
      case 'off':
        if (this.control === 'asking') {
          this.consent.close();
          this.control = 'off';
        } else if (this.control === 'granted') {
          this.stopControl('agent', false);
        }
        break;
    }
    this.bar.update(this.control === 'granted', this.agentName);
  }

  /**
   * The server says "granted" and this browser holds no consent. Either the
   * view is older than the customer's own Stop (and the agent may already
   * have asked again: that request must stay), or the server believes in a
   * consent this browser never gave: take back a grant only, and note it
   * only if there was one.
   */
  private async refuseUnknownGrant(): Promise<void> {
    const result = await this.link?.request('control:revoke', { grantOnly: true });
    if (result?.ok && result.data.revoked) this.mark('tsunagi:control', { type: 'refused', reason: 'not_granted' });
  }

  private ask(): void {
    this.control = 'asking';
    this.consent.open(this.t, this.agentName);
  }

  private async allow(): Promise<void> {
    if (this.control !== 'asking') return;
    this.consent.close();
    this.storeGrant();
    this.beginControl('customer');
    const link = this.link;
    const result = await link?.request('control:grant', {});
    if (result && !result.ok && (this.control as LocalControl) === 'granted' && link === this.link) this.stopControl('grant_failed', false);
  }

  private async decline(): Promise<void> {
    if (this.control !== 'asking') return;
    this.consent.close();
    this.control = 'off';
    this.mark('tsunagi:control', { type: 'revoke', reason: 'declined' });
    await this.link?.request('control:revoke', {});
  }

  private beginControl(reason: string): void {
    this.control = 'granted';
    this.mark('tsunagi:control', { type: 'grant', reason });
    this.bar.update(true, this.agentName);
    this.win.addEventListener('keydown', this.onKeydown, true);
  }

  /** Control ends here and now; `notify`: tell the server (the customer's own Stop or Esc). */
  private stopControl(reason: string, notify: boolean): void {
    if (this.control !== 'granted') return;
    this.control = 'off';
    this.clearGrant();
    this.removeEsc();
    this.mark('tsunagi:control', { type: 'revoke', reason });
    this.bar.update(false, this.agentName);
    this.say(this.t.controlEnded);
    if (notify) void this.link?.request('control:revoke', {});
  }

  /** Esc anywhere on the page (or in the widget) takes control back at once. */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    // Only the customer's own key: a synthetic Escape (the agent's `key` action) must not count.
    if (event.key !== 'Escape' || !event.isTrusted || event.isComposing || event.keyCode === 229) return;
    this.stopControl('escape', true);
  };

  private removeEsc(): void {
    this.win.removeEventListener('keydown', this.onKeydown, true);
  }

  // ── Pushes ──────────────────────────────────────────────────────────────

  onAction(streamId: string, action: ControlAction): void {
    const link = this.link;
    const recording = link?.recording();
    // For another tab's page (or an earlier page of this tab): not this page's to act on.
    if (!link || !recording || streamId !== link.streamId) return;
    const outcome: Outcome =
      this.win.document.visibilityState === 'hidden'
        ? { ok: false, kind: action.kind, nodeId: action.kind === 'click' ? action.point.nodeId : action.nodeId, reason: 'hidden_tab' }
        : execute({ win: this.win, node: (id) => recording.node(id), masker: recording.masker }, this.control === 'granted', action);
    // Never a typed value in the marker: an input action is recorded by its length.
    this.mark(
      'tsunagi:control',
      outcome.ok
        ? { type: 'action', kind: outcome.kind, nodeId: outcome.nodeId, ...(outcome.length === undefined ? {} : { length: outcome.length }) }
        : { type: 'refused', kind: outcome.kind, nodeId: outcome.nodeId, reason: outcome.reason },
    );
  }

  onPointer(agentName: string, streamId: string, point: NodePoint | null): void {
    if (streamId !== this.link?.streamId) return;
    const shown = this.pointer.update(agentName, point);
    this.pointerMarks.push(shown ? point : null);
  }

  onHighlight(streamId: string, nodeId: number): void {
    if (streamId !== this.link?.streamId) return;
    const shown = this.highlight.show(nodeId);
    this.mark('tsunagi:highlight', { nodeId, shown });
  }

  onChat(message: ChatMessage): void {
    if (message.sessionId !== this.sessionId) return;
    this.merge([message], true);
  }

  // ── Chat ────────────────────────────────────────────────────────────────

  private async loadHistory(): Promise<void> {
    const link = this.link;
    if (!link) return;
    const run = ++this.historyRun;
    const result = await link.request('chat:history', {});
    if (run !== this.historyRun || link !== this.link || !result.ok) return;
    // Messages missed while offline are announced; the history of an earlier page is not.
    this.merge(result.data.messages, this.historyLoaded);
    this.historyLoaded = true;
  }

  private async send(text: string): Promise<boolean> {
    const link = this.link;
    if (!link) return false;
    const result = await link.request('chat:send', { text });
    if (!result.ok) return false;
    if (link === this.link) this.merge([result.data], false);
    return true;
  }

  private merge(messages: readonly ChatMessage[], announce: boolean): void {
    const added = this.log.merge(messages);
    if (added.length === 0) return;
    this.chat.setMessages(this.log.messages, this.link?.offset() ?? 0);
    if (this.chat.open) this.markRead();
    else this.chat.setUnread(unreadCount(this.log.messages, this.readUpTo));
    if (announce) {
      const fromStaff = added.filter((m) => m.from === 'staff');
      if (fromStaff.length > 0) this.say(fromStaff.map((m) => this.t.newMessage(m.authorName ?? this.t.agent, m.text)).join('\n'));
    }
  }

  private markRead(): void {
    const latestStaff = this.log.messages.reduce((max, m) => (m.from === 'staff' ? Math.max(max, m.sentAt) : max), 0);
    if (latestStaff > this.readUpTo) {
      this.readUpTo = latestStaff;
      this.saveChatState();
    }
    this.chat.setUnread(0);
  }

  private loadChatState(): { open: boolean; readUpTo: number } {
    try {
      const value = JSON.parse(this.local?.getItem(CHAT_KEY) ?? 'null') as { sessionId?: unknown; open?: unknown; readUpTo?: unknown } | null;
      if (value && value.sessionId === this.sessionId) {
        return { open: value.open === true, readUpTo: typeof value.readUpTo === 'number' ? value.readUpTo : 0 };
      }
    } catch {
      // unreadable: start fresh
    }
    return { open: false, readUpTo: 0 };
  }

  private saveChatState(): void {
    if (!this.sessionId) return;
    try {
      this.local?.setItem(CHAT_KEY, JSON.stringify({ sessionId: this.sessionId, open: this.chat.open, readUpTo: this.readUpTo }));
    } catch {
      // storage unavailable: the state lasts this page
    }
  }

  // ── Consent storage, shared by the tabs ─────────────────────────────────

  private hasGrant(): boolean {
    try {
      return this.sessionId !== null && this.local?.getItem(CONTROL_KEY) === this.sessionId;
    } catch {
      return false;
    }
  }

  private storeGrant(): void {
    try {
      if (this.sessionId) this.local?.setItem(CONTROL_KEY, this.sessionId);
    } catch {
      // storage unavailable: the grant lasts this page
    }
  }

  private clearGrant(): void {
    try {
      this.local?.removeItem(CONTROL_KEY);
    } catch {
      // storage unavailable
    }
  }

  /** Another tab took control back (Stop or Esc there): so does this one. */
  private onStorage(event: StorageEvent): void {
    if ((event.key === CONTROL_KEY || event.key === null) && this.control === 'granted' && !this.hasGrant()) {
      this.stopControl('other_tab', false);
    }
  }

  // ── Output ──────────────────────────────────────────────────────────────

  private mark(tag: string, payload: Record<string, unknown>): void {
    if (!this.link) return;
    const recording = this.link.recording();
    if (recording) recording.mark(tag, payload);
    else if (this.pendingMarks.length < 20) this.pendingMarks.push([tag, payload]);
  }

  /** A polite announcement (a new message, control ended); never moves focus. */
  private say(text: string): void {
    this.live.textContent = '';
    if (this.liveTimer !== undefined) clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => (this.live.textContent = text), 120);
  }
}
