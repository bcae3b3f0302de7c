import type { Lang } from '@tsunagi/shared';
import type { WidgetState } from '../session/state.ts';
import { ensureAttached, type WidgetRoot } from './host.ts';
import type { Screen, ScreenActions } from './screens.ts';
import type { ScreenSet } from './screen-sets.ts';
import { stringsFor } from './strings.ts';

export interface ViewModel {
  state: WidgetState;
  lang: Lang;
  /** The connection is down while sharing (reconnecting). */
  offline: boolean;
  /** The customer pressed Stop; ending is in progress. */
  stopping: boolean;
}

/**
 * Renders the state into the shadow root. A screen is rebuilt only when the
 * kind of state (or the language) changes; otherwise it is updated in place,
 * so focus stays put and live regions announce only what changed.
 *
 * Focus: opening the dialog remembers where focus was and moves it to the
 * dialog; closing it returns focus there. Other screen changes move focus to
 * the new screen only if focus was inside the widget (never steal it from
 * the page when, say, the agent ends the session).
 *
 * The loader (widget.js) draws the first screens with a small screen set and
 * the loader's actions; when sharing starts it hands the same view — and the
 * screen on show, so focus stays put — to the sharing controller
 * (`handOver`), which brings every screen and the guidance dock.
 */
export class WidgetView {
  private screen: (Screen & { key: string; lang: Lang }) | null = null;
  private returnFocus: HTMLElement | null = null;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the screens call: forwarded, so a screen built before a hand-over reaches the new owner. */
  private readonly forward: ScreenActions = {
    help: () => this.actions.help(),
    agree: () => this.actions.agree(),
    cancel: () => this.actions.cancel(),
    stop: () => this.actions.stop(),
    dismiss: () => this.actions.dismiss(),
  };

  constructor(
    private readonly doc: Document,
    private readonly ui: WidgetRoot,
    private actions: ScreenActions,
    private screens: ScreenSet,
    /** The guidance dock (chat, control status), moved into each screen that has a slot for it. */
    private dock: HTMLElement | null = null,
  ) {}

  /** A new owner: its actions, its screens (from the next screen change on) and its guidance dock. */
  handOver(actions: ScreenActions, screens: ScreenSet, dock: HTMLElement | null): void {
    this.actions = actions;
    this.screens = screens;
    this.dock = dock;
    if (dock && this.screen?.slot) this.screen.slot.append(dock);
  }

  render(model: ViewModel): void {
    ensureAttached(this.doc, this.ui);
    this.ui.stage.parentElement?.setAttribute('lang', model.lang);
    const key = model.state.kind;
    const previous = this.screen;
    if (previous && previous.key === key && previous.lang === model.lang) {
      previous.update(model);
      return;
    }
    const t = stringsFor(model.lang);
    const hadFocus = this.ui.shadow.activeElement !== null;
    if (key === 'consenting' && previous?.key !== 'consenting') this.returnFocus = this.pageFocus();
    const built = this.build(model);
    const next = Object.assign(built, { key, lang: model.lang });
    // The dock moves to the new screen; whoever was typing in it (the chat) keeps focus.
    const active = this.ui.shadow.activeElement;
    const dockFocus = this.dock && active instanceof HTMLElement && this.dock.contains(active) ? active : null;
    if (this.dock) {
      if (next.slot) next.slot.append(this.dock);
      else this.dock.remove();
    }
    this.ui.stage.replaceChildren(next.el);
    this.screen = next;
    next.update(model);
    if (dockFocus?.isConnected) {
      dockFocus.focus();
      if (previous?.key !== key) this.announce(model, t);
      return;
    }

    if (previous?.key === key) {
      // Same screen rebuilt for a language change: keep focus inside if it was.
      if (hadFocus) next.focusTarget.focus();
      return;
    }
    if (key === 'consenting') {
      next.focusTarget.focus();
    } else if (previous?.key === 'consenting' && key === 'idle') {
      // Cancelled: back to where the customer was (the help button, or the site's own button).
      const target = this.returnFocus?.isConnected ? this.returnFocus : next.focusTarget;
      target.focus();
      this.returnFocus = null;
    } else if (hadFocus) {
      next.focusTarget.focus();
    }
    this.announce(model, t);
  }

  /** The element focused on the page (not inside the widget), if any. */
  private pageFocus(): HTMLElement | null {
    const active = this.doc.activeElement;
    if (!active || active === this.ui.host || active === this.doc.body) return null;
    return active instanceof HTMLElement ? active : null;
  }

  private build(model: ViewModel): Screen {
    return this.screens(model.state, stringsFor(model.lang), this.forward);
  }

  /** Speaks a change of screen through the persistent live region. */
  private announce(model: ViewModel, t: ReturnType<typeof stringsFor>): void {
    const state = model.state;
    let text = '';
    if (state.kind === 'waiting') text = state.code ? `${t.codeTitle}。${t.codeSpoken(state.code)}` : t.codeLoading;
    else if (state.kind === 'active') text = state.agentName ? t.sharingWith(state.agentName).join(t.phraseJoiner) : t.sharingWithAgent;
    else if (state.kind === 'ended') text = `${t.endedTitle}。${t.endedReason(state.reason)}`;
    else if (state.kind === 'error') text = `${t.errorTitle}。${t.errorBody}`;
    if (model.lang === 'en') text = text.replace(/。/g, '. ');
    // Clear first, then set after a tick: screen readers announce changes, not contents.
    this.ui.announcer.textContent = '';
    if (this.announceTimer !== undefined) clearTimeout(this.announceTimer);
    if (text) this.announceTimer = setTimeout(() => (this.ui.announcer.textContent = text), 150);
  }
}
