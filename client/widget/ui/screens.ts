import type { ViewModel } from './view.ts';
import type { Strings } from './strings.ts';
import { formatTime } from './strings.ts';
import { focusables, h, setText } from './dom.ts';

/** One screen of the widget: its element, where focus goes, and how it takes a new model in place. */
export interface Screen {
  el: HTMLElement;
  focusTarget: HTMLElement;
  update(model: ViewModel): void;
  /** Where the view puts the guidance dock (chat, control status), on screens that have one. */
  slot?: HTMLElement;
}

export interface ScreenActions {
  help(): void;
  agree(): void;
  cancel(): void;
  stop(): void;
  dismiss(): void;
}

const CHAT_ICON =
  '<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-4.5 3.6A.9.9 0 0 1 3 19.9V6a2 2 0 0 1 1-2zm3 5.5A1.5 1.5 0 1 0 7 12.5 1.5 1.5 0 0 0 7 9.5zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>';

/** The help button, bottom-right, on every page until the customer starts. */
export function launcherScreen(t: Strings, actions: ScreenActions): Screen {
  const icon = h('span', { 'aria-hidden': 'true' });
  icon.innerHTML = CHAT_ICON;
  const button = h('button', { type: 'button', class: 'launcher', 'data-testid': 'tsunagi-launcher', onclick: () => actions.help() }, icon, t.launcher);
  return { el: button, focusTarget: button, update: () => undefined };
}

/**
 * The consent dialog: what is shared and what never is, before anything starts.
 * A modal dialog: focus starts on its heading (the text is long and must be
 * read first), Tab stays inside, Esc cancels.
 */
export function consentScreen(t: Strings, actions: ScreenActions): Screen {
  const title = h('h2', { id: 'tsunagi-consent-title', tabindex: '-1' }, t.consentTitle);
  const item = (mark: string, text: string, note?: string) =>
    h('li', {}, h('span', { class: 'mark', 'aria-hidden': 'true' }, mark), h('span', {}, text, note ? h('span', { class: 'sub' }, note) : null));
  const busy = h('p', { class: 'busy', role: 'status', 'data-testid': 'tsunagi-consent-status' });
  let isBusy = false;
  const agree = h('button', { type: 'button', class: 'primary', 'data-testid': 'tsunagi-agree', onclick: () => !isBusy && actions.agree() }, t.agree);
  const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'tsunagi-cancel', onclick: () => !isBusy && actions.cancel() }, t.cancel);
  const dialog = h(
    'div',
    {
      class: 'dialog',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'tsunagi-consent-title',
      'aria-describedby': 'tsunagi-consent-intro',
      'data-testid': 'tsunagi-consent',
    },
    h(
      'div',
      { class: 'dialog-body' },
      title,
      h('p', { id: 'tsunagi-consent-intro' }, t.consentIntro),
      h('h3', { id: 'tsunagi-shared' }, t.sharedHeading),
      h('ul', { class: 'items yes', 'aria-labelledby': 'tsunagi-shared' }, ...t.shared.map((s) => item('✓', s))),
      h('h3', { id: 'tsunagi-never' }, t.neverHeading),
      h('ul', { class: 'items no', 'aria-labelledby': 'tsunagi-never' }, ...t.never.map((s, i) => item('✕', s, i === 0 ? t.neverNote : undefined))),
      h('p', { class: 'note' }, t.stopAnytime),
    ),
    h('div', { class: 'dialog-footer' }, busy, h('div', { class: 'actions' }, agree, cancel)),
  );
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (!isBusy) actions.cancel();
    } else if (event.key === 'Tab') {
      trapTab(event, dialog);
    }
  });
  const backdrop = h('div', { class: 'backdrop', 'data-testid': 'tsunagi-consent-backdrop' }, dialog);
  return {
    el: backdrop,
    focusTarget: title,
    update(model) {
      isBusy = model.state.kind === 'consenting' && model.state.busy;
      for (const b of [agree, cancel]) b.setAttribute('aria-disabled', String(isBusy));
      dialog.setAttribute('aria-busy', String(isBusy));
      setText(busy, isBusy ? t.connecting : '');
    },
  };
}

/** Keeps Tab and Shift+Tab inside the dialog. */
export function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  const items = focusables(dialog);
  if (items.length === 0) return;
  const root = dialog.getRootNode() as ShadowRoot;
  const active = root.activeElement;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const index = active instanceof HTMLElement ? items.indexOf(active) : -1;
  // From the heading (not in the list) or an end of the list, wrap around.
  if (event.shiftKey && index <= 0) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (index === -1 || active === last)) {
    event.preventDefault();
    first.focus();
  }
}

function stopButton(t: Strings, actions: ScreenActions) {
  let stopping = false;
  const button = h('button', { type: 'button', class: 'danger', 'data-testid': 'tsunagi-stop', onclick: () => !stopping && actions.stop() }, t.stop);
  return {
    button,
    update(model: ViewModel) {
      stopping = model.stopping;
      button.setAttribute('aria-disabled', String(stopping));
      setText(button, stopping ? t.stopping : t.stop);
    },
  };
}

/** The join code, large, to read out on the phone; refreshed when it expires. */
export function codeScreen(t: Strings, actions: ScreenActions): Screen {
  const title = h('h2', { id: 'tsunagi-code-title', tabindex: '-1' }, t.codeTitle);
  const code = h('div', { class: 'code', 'data-testid': 'tsunagi-code', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const expiry = h('p', { class: 'muted', 'data-testid': 'tsunagi-code-expiry' });
  const offline = h('p', { class: 'offline', role: 'status' });
  const slot = h('div', { class: 'slot' });
  const stop = stopButton(t, actions);
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'tsunagi-code-title', 'data-testid': 'tsunagi-code-panel' },
    title,
    h('p', { class: 'muted' }, t.codeHelp),
    code,
    expiry,
    h('p', { 'data-testid': 'tsunagi-status' }, t.waitingForAgent),
    offline,
    slot,
    stop.button,
  );
  let shown: string | null | undefined;
  return {
    el: panel,
    slot,
    focusTarget: title,
    update(model) {
      if (model.state.kind !== 'waiting') return;
      const { code: value, codeExpiresAt } = model.state;
      if (value !== shown) {
        shown = value;
        code.classList.toggle('pending', !value);
        if (value) {
          code.setAttribute('data-code', value);
          code.replaceChildren(
            h('span', { 'aria-hidden': 'true' }, value.slice(0, 3), h('span', { class: 'gap' }), value.slice(3)),
            h('span', { class: 'sr-only' }, t.codeSpoken(value)),
          );
        } else {
          code.removeAttribute('data-code');
          code.replaceChildren(t.codeLoading);
        }
      }
      setText(expiry, codeExpiresAt !== null && value ? t.codeValidUntil(formatTime(codeExpiresAt, model.lang)) : '');
      setText(offline, model.offline ? t.offline : '');
      stop.update(model);
    },
  };
}

/** While an agent watches: who, and the Stop button. */
export function sharingScreen(t: Strings, actions: ScreenActions): Screen {
  const title = h('h2', { id: 'tsunagi-sharing-title', tabindex: '-1', 'data-testid': 'tsunagi-sharing-title' });
  const viewersLabel = h('span', { id: 'tsunagi-viewers-label' }, t.viewersLabel);
  const viewers = h('ul', { 'aria-labelledby': 'tsunagi-viewers-label', 'data-testid': 'tsunagi-viewers' });
  const viewersBox = h('div', { class: 'viewers' }, viewersLabel, viewers);
  const offline = h('p', { class: 'offline', role: 'status' });
  const slot = h('div', { class: 'slot' });
  const stop = stopButton(t, actions);
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'tsunagi-sharing-title', 'data-testid': 'tsunagi-sharing-bar' },
    h('div', { class: 'live' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), title),
    viewersBox,
    offline,
    slot,
    stop.button,
  );
  let shownViewers = '';
  return {
    el: panel,
    slot,
    focusTarget: title,
    update(model) {
      if (model.state.kind !== 'active') return;
      const { agentName } = model.state;
      const phrases = agentName ? t.sharingWith(agentName) : [t.sharingWithAgent];
      const sentence = phrases.join(t.phraseJoiner);
      if (title.textContent !== sentence) {
        title.replaceChildren();
        phrases.forEach((phrase, i) => {
          if (i > 0 && t.phraseJoiner) title.append(t.phraseJoiner);
          title.append(h('span', { class: 'phrase' }, phrase));
        });
      }
      if (agentName) title.setAttribute('data-agent', agentName);
      else title.removeAttribute('data-agent');
      const list = model.state.viewers.map((v) => t.viewer(v.displayName, v.role));
      const key = list.join('\n');
      if (key !== shownViewers) {
        shownViewers = key;
        viewers.replaceChildren(...list.map((text) => h('li', {}, text)));
      }
      viewersBox.hidden = list.length === 0;
      setText(offline, model.offline ? t.offline : '');
      stop.update(model);
    },
  };
}

/** After the end (or a failed start): a short message and a Close button. */
export function noticeScreen(t: Strings, actions: ScreenActions, kind: 'ended' | 'error'): Screen {
  const title = h('h2', { id: 'tsunagi-notice-title', tabindex: '-1' }, kind === 'ended' ? t.endedTitle : t.errorTitle);
  const body = h('p', { 'data-testid': 'tsunagi-notice-body' });
  const close = h('button', { type: 'button', class: 'secondary', 'data-testid': 'tsunagi-dismiss', onclick: () => actions.dismiss() }, t.close);
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'tsunagi-notice-title', 'data-testid': kind === 'ended' ? 'tsunagi-ended' : 'tsunagi-error' },
    title,
    body,
    close,
  );
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.dismiss();
  });
  return {
    el: panel,
    focusTarget: title,
    update(model) {
      setText(body, model.state.kind === 'ended' ? t.endedReason(model.state.reason) : t.errorBody);
    },
  };
}
