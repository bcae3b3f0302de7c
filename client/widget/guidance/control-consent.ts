import { h } from '../ui/dom.ts';
import { trapTab } from '../ui/screens.ts';
import type { GuidanceStrings } from './strings.ts';

export interface ConsentActions {
  allow(): void;
  decline(): void;
}

/**
 * Asks the customer before the agent may operate the page: what it means,
 * what stays out of reach, how to stop it. A modal dialog like the sharing
 * consent: focus starts on the heading (to read from the top), Tab stays
 * inside, Esc declines, and focus goes back where it was when it closes.
 */
export class ControlConsentDialog {
  private backdrop: HTMLElement | null = null;
  private returnFocus: HTMLElement | null = null;
  private agentName: string | null = null;

  constructor(
    private readonly layer: HTMLElement,
    private readonly shadow: ShadowRoot,
    private readonly actions: ConsentActions,
  ) {}

  get isOpen(): boolean {
    return this.backdrop !== null;
  }

  open(t: GuidanceStrings, agentName: string | null): void {
    if (this.backdrop) return;
    this.returnFocus = activeElement(this.layer.ownerDocument, this.shadow);
    this.agentName = agentName;
    this.render(t);
  }

  /** Re-renders in another language, keeping focus inside. */
  setStrings(t: GuidanceStrings): void {
    if (!this.backdrop) return;
    const hadFocus = this.backdrop.contains(this.shadow.activeElement);
    this.backdrop.remove();
    this.backdrop = null;
    this.render(t, hadFocus);
  }

  close(): void {
    if (!this.backdrop) return;
    const hadFocus = this.backdrop.contains(this.shadow.activeElement);
    this.backdrop.remove();
    this.backdrop = null;
    // Never steal focus from the page: only give it back if the dialog had it.
    if (hadFocus && this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
  }

  private render(t: GuidanceStrings, focus = true): void {
    const title = h('h2', { id: 'tsunagi-control-title', tabindex: '-1' }, t.controlTitle);
    const allow = h('button', { type: 'button', class: 'primary', 'data-testid': 'tsunagi-control-allow', onclick: () => this.actions.allow() }, t.controlAllow);
    const decline = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'tsunagi-control-decline', onclick: () => this.actions.decline() },
      t.controlDecline,
    );
    const dialog = h(
      'div',
      {
        class: 'dialog',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'tsunagi-control-title',
        'aria-describedby': 'tsunagi-control-intro tsunagi-control-what',
        'data-testid': 'tsunagi-control-dialog',
      },
      h(
        'div',
        { class: 'dialog-body' },
        title,
        h('p', { id: 'tsunagi-control-intro' }, t.controlIntro(this.agentName)),
        h('ul', { id: 'tsunagi-control-what', class: 'control-items' }, ...t.controlWhat.map((line) => h('li', {}, line))),
      ),
      h('div', { class: 'dialog-footer' }, h('div', { class: 'actions' }, allow, decline)),
    );
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.isComposing) {
        event.preventDefault();
        event.stopPropagation();
        this.actions.decline();
      } else if (event.key === 'Tab') {
        trapTab(event, dialog);
      }
    });
    this.backdrop = h('div', { class: 'backdrop', 'data-testid': 'tsunagi-control-backdrop' }, dialog);
    this.layer.append(this.backdrop);
    if (focus) title.focus();
  }
}

/** Where focus is now: inside the widget, or on the page. */
function activeElement(doc: Document, shadow: ShadowRoot): HTMLElement | null {
  const inWidget = shadow.activeElement;
  if (inWidget instanceof HTMLElement) return inWidget;
  const active = doc.activeElement;
  return active instanceof HTMLElement && active !== doc.body ? active : null;
}
