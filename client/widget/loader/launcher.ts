import type { ScriptOptions } from '../config/site-options.ts';
import { PasswordMemory } from '../recording/masking.ts';
import { pageLang } from '../session/page-info.ts';
import { initialState, pendingStart, transition, type PendingStart, type WidgetEvent, type WidgetState } from '../session/state.ts';
import { SESSION_KEY, hasStoredSession, safeStorage } from '../session/stored-session.ts';
import type { WidgetRoot } from '../ui/host.ts';
import { loaderScreens } from '../ui/screen-sets.ts';
import { WidgetView } from '../ui/view.ts';
import type { WidgetController } from '../session/sharing.ts';
import type { SharingModule } from './lazy.ts';

export interface LauncherEnv {
  win: Window;
  script: ScriptOptions;
  ui: WidgetRoot;
  /** Fetches the sharing chunk (loader/lazy.ts). */
  loadSharing(): Promise<SharingModule>;
}

/**
 * The part of the widget on every page view (widget.js): the help button,
 * the consent dialog and `window.Tsunagi`. It fetches the sharing chunk
 * only when the customer agrees, or at once when this site already has a
 * session (a page load or a new tab during sharing), or when another tab
 * starts one; then the sharing controller takes the view over and every
 * call goes to it.
 */
export class Launcher {
  private state: WidgetState = initialState;
  private pendingStart: PendingStart | null = null;
  private controller: WidgetController | null = null;
  private loading: Promise<WidgetController> | null = null;
  private readonly doc: Document;
  private readonly local: Storage | null;
  private readonly view: WidgetView;
  /** Watching from page load, so a show-password toggle used before sharing still counts. */
  private readonly passwords: PasswordMemory;
  private readonly langObserver: MutationObserver;

  constructor(private readonly env: LauncherEnv) {
    this.doc = env.win.document;
    this.local = safeStorage(() => env.win.localStorage);
    this.passwords = new PasswordMemory().watch(this.doc);
    this.view = new WidgetView(
      this.doc,
      env.ui,
      {
        help: () => void this.start().catch(() => undefined),
        agree: () => this.agree(),
        cancel: () => this.cancel(),
        stop: () => void this.stop(),
        dismiss: () => this.dispatch({ type: 'dismiss' }),
      },
      loaderScreens,
    );
    this.langObserver = new MutationObserver(() => this.render());
  }

  init(): void {
    this.env.win.addEventListener('storage', this.onStorage);
    // The widget speaks the page's language, also when the site switches it without a page load.
    this.langObserver.observe(this.doc.documentElement, { attributes: true, attributeFilter: ['lang'] });
    if (hasStoredSession(this.local, this.env.script.origin)) void this.load('resume').catch(() => undefined);
    else this.render();
  }

  /** Opens the consent dialog; resolves with the join code once the session exists, rejects if declined. */
  start(): Promise<{ code: string }> {
    if (this.controller) return this.controller.start();
    if (this.pendingStart) return this.pendingStart.promise;
    if (this.loading) return this.loading.then((controller) => controller.start());
    this.pendingStart = pendingStart();
    this.dispatch({ type: 'open' });
    return this.pendingStart.promise;
  }

  stop(): Promise<void> {
    if (this.controller) return this.controller.stop();
    if (this.loading) return this.loading.then((controller) => controller.stop());
    if (this.state.kind === 'consenting') this.cancel();
    return Promise.resolve();
  }

  private cancel(): void {
    if (this.controller || this.state.kind !== 'consenting' || this.state.busy) return;
    this.dispatch({ type: 'decline' });
    const pending = this.pendingStart;
    this.pendingStart = null;
    pending?.reject(new Error('Tsunagi: the customer declined'));
  }

  private agree(): void {
    if (this.controller || this.state.kind !== 'consenting' || this.state.busy) return;
    this.dispatch({ type: 'agree' });
    void this.load('agree').catch((error: unknown) => {
      this.dispatch({ type: 'failed' });
      const pending = this.pendingStart;
      this.pendingStart = null;
      pending?.reject(error instanceof Error ? error : new Error(String(error)));
    });
  }

  /** Fetches the sharing chunk once and hands over to its controller. */
  private load(mode: 'resume' | 'agree'): Promise<WidgetController> {
    this.loading ??= this.env.loadSharing().then(
      (sharing) => {
        this.langObserver.disconnect();
        this.env.win.removeEventListener('storage', this.onStorage);
        const { win, script, ui } = this.env;
        const pendingStart = this.pendingStart;
        this.pendingStart = null;
        this.controller = sharing.takeOver({ win, script, ui, view: this.view, passwords: this.passwords, state: this.state, pendingStart }, mode);
        return this.controller;
      },
      (error: unknown) => {
        this.loading = null;
        console.warn('[tsunagi] could not load the sharing code', error);
        if (mode === 'resume') this.render();
        throw error;
      },
    );
    return this.loading;
  }

  /** Another tab of this site started sharing: this tab is part of it too. */
  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== SESSION_KEY && event.key !== null) return;
    if (this.loading || (this.state.kind !== 'idle' && this.state.kind !== 'error')) return;
    if (hasStoredSession(this.local, this.env.script.origin)) void this.load('resume').catch(() => undefined);
  };

  private dispatch(event: WidgetEvent): void {
    this.state = transition(this.state, event);
    this.render();
  }

  private render(): void {
    if (this.controller) return;
    this.view.render({ state: this.state, lang: pageLang(this.doc), offline: false, stopping: false });
  }
}
