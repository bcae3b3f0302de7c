import type { ChatMessage } from '@tsunagi/shared';
import { h, setText } from '../ui/dom.ts';
import { linkify } from './chat-links.ts';
import { isSendKey } from './chat-keys.ts';
import { hhmm, type GuidanceStrings } from './strings.ts';

export interface ChatPanelActions {
  /** Sends a message; resolves true once the server stored it. */
  send(text: string): Promise<boolean>;
  /** The customer opened or closed the conversation. */
  toggled(open: boolean): void;
}

const MAX_LENGTH = 2000;

/**
 * The written conversation with the agent: a button in the sharing bar
 * (with the number of unread messages) that opens the message list and a
 * text box. Enough on its own for a customer who cannot use the phone.
 * Messages are built as DOM text nodes; only http(s) URLs become links,
 * opening in a new tab without access to this page.
 */
export class ChatPanel {
  /** Everything the sharing bar shows of the chat: the toggle and the panel under it. */
  readonly el: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly toggleText: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly badgeText: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLElement;
  private readonly label: HTMLLabelElement;
  private readonly input: HTMLTextAreaElement;
  private readonly hint: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly items = new Map<string, HTMLElement>();
  private t: GuidanceStrings;
  private shown: readonly ChatMessage[] = [];
  private offset = 0;
  private sending = false;
  private isOpen = false;
  private unread = 0;

  constructor(t: GuidanceStrings, private readonly actions: ChatPanelActions) {
    this.t = t;
    this.toggleText = h('span', {});
    this.badgeText = h('span', { class: 'sr-only' });
    this.badge = h('span', { class: 'chat-badge', 'aria-hidden': 'true', 'data-testid': 'tsunagi-chat-unread', hidden: true });
    this.toggle = h(
      'button',
      {
        type: 'button',
        class: 'secondary chat-toggle',
        'aria-expanded': 'false',
        'aria-controls': 'tsunagi-chat-panel',
        'data-testid': 'tsunagi-chat-toggle',
        onclick: () => this.setOpen(!this.isOpen, true),
      },
      this.toggleText,
      this.badge,
      this.badgeText,
    );
    this.heading = h('h3', { id: 'tsunagi-chat-title', tabindex: '-1' });
    this.closeButton = h(
      'button',
      { type: 'button', class: 'chat-close', 'data-testid': 'tsunagi-chat-close', onclick: () => this.setOpen(false, true) },
      h('span', { 'aria-hidden': 'true' }, '×'),
    );
    this.list = h('ol', { class: 'chat-list', 'aria-labelledby': 'tsunagi-chat-title', 'data-testid': 'tsunagi-chat-log', tabindex: '0' });
    this.empty = h('p', { class: 'chat-empty' });
    this.label = h('label', { for: 'tsunagi-chat-input' });
    this.input = h('textarea', {
      id: 'tsunagi-chat-input',
      rows: 2,
      maxlength: MAX_LENGTH,
      'aria-describedby': 'tsunagi-chat-hint',
      'data-testid': 'tsunagi-chat-input',
    });
    this.hint = h('p', { id: 'tsunagi-chat-hint', class: 'chat-hint' });
    this.sendButton = h('button', { type: 'submit', class: 'primary chat-send', 'data-testid': 'tsunagi-chat-send' });
    this.status = h('p', { class: 'chat-status', role: 'status', 'data-testid': 'tsunagi-chat-status' });
    const form = h('form', { class: 'chat-form', novalidate: true }, this.label, this.input, this.hint, h('div', { class: 'chat-row' }, this.status, this.sendButton));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (isSendKey(event)) {
        event.preventDefault();
        void this.submit();
      } else if (event.key === 'Escape' && !event.isComposing && event.keyCode !== 229) {
        this.setOpen(false, true);
      }
    });
    this.panel = h(
      'section',
      { id: 'tsunagi-chat-panel', class: 'chat-panel', 'aria-labelledby': 'tsunagi-chat-title', 'data-testid': 'tsunagi-chat-panel', hidden: true },
      h('div', { class: 'chat-head' }, this.heading, this.closeButton),
      this.empty,
      this.list,
      form,
    );
    this.el = h('div', { class: 'chat' }, this.toggle, this.panel);
    this.applyStrings();
  }

  get open(): boolean {
    return this.isOpen;
  }

  setStrings(t: GuidanceStrings): void {
    if (t === this.t) return;
    this.t = t;
    this.applyStrings();
    // Author names ("You"/"あなた") are in the items: rebuild them.
    this.items.clear();
    this.list.replaceChildren();
    const all = this.shown;
    this.shown = [];
    this.setMessages(all, this.offset);
  }

  /**
   * Shows the conversation. Usually only appends; an older message arriving
   * late (a history reload after a gap) rebuilds the list in order.
   */
  setMessages(messages: readonly ChatMessage[], offset: number): void {
    this.offset = offset;
    const appendOnly = this.shown.every((m, i) => messages[i]?.id === m.id);
    if (!appendOnly) {
      this.items.clear();
      this.list.replaceChildren();
    }
    const stick = this.atBottom();
    for (const message of messages) {
      if (this.items.has(message.id)) continue;
      const item = this.item(message);
      this.items.set(message.id, item);
      this.list.append(item);
    }
    this.shown = [...messages];
    this.empty.hidden = messages.length > 0;
    this.list.hidden = messages.length === 0;
    if (stick) this.scrollToEnd();
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    setText(this.badge, count > 99 ? '99+' : String(count));
    setText(this.badgeText, count > 0 ? ` ${this.t.unread(count)}` : '');
    this.unread = count;
  }

  /** Opens or closes the panel; `byUser` moves focus (into the text box, or back to the button). */
  setOpen(open: boolean, byUser = false): void {
    if (open === this.isOpen) {
      if (open && byUser) this.input.focus();
      return;
    }
    this.isOpen = open;
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.scrollToEnd();
    if (byUser) {
      if (open) this.input.focus();
      else this.toggle.focus();
      this.actions.toggled(open);
    }
  }

  private applyStrings(): void {
    const t = this.t;
    setText(this.toggleText, t.chat);
    setText(this.heading, t.chatTitle);
    this.closeButton.setAttribute('aria-label', t.close);
    setText(this.empty, t.chatEmpty);
    setText(this.label, t.chatLabel);
    setText(this.hint, t.chatHint);
    setText(this.sendButton, this.sending ? t.sending : t.send);
    if (this.status.textContent) setText(this.status, t.sendFailed);
    this.setUnread(this.unread);
  }

  private item(message: ChatMessage): HTMLElement {
    const t = this.t;
    const mine = message.from === 'customer';
    const author = mine ? t.you : (message.authorName ?? t.agent);
    const local = message.sentAt - this.offset;
    const text = h('p', { class: 'chat-text' });
    for (const segment of linkify(message.text)) {
      if (segment.kind === 'text') {
        text.append(segment.text);
      } else {
        text.append(
          h(
            'a',
            { href: segment.href, target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer' },
            segment.text,
            h('span', { class: 'sr-only' }, t.newTab),
          ),
        );
      }
    }
    return h(
      'li',
      { class: mine ? 'chat-msg mine' : 'chat-msg staff', 'data-testid': 'tsunagi-chat-message', 'data-id': message.id, 'data-from': message.from },
      h(
        'p',
        { class: 'chat-meta' },
        h('span', { class: 'chat-author' }, author),
        ' ',
        h('time', { datetime: new Date(local).toISOString(), 'data-testid': 'tsunagi-chat-time' }, hhmm(local)),
      ),
      text,
    );
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (!text || this.sending) return;
    this.sending = true;
    this.sendButton.setAttribute('aria-disabled', 'true');
    setText(this.sendButton, this.t.sending);
    setText(this.status, '');
    const sentValue = this.input.value;
    let ok = false;
    try {
      ok = await this.actions.send(text);
    } finally {
      this.sending = false;
      this.sendButton.setAttribute('aria-disabled', 'false');
      setText(this.sendButton, this.t.send);
    }
    if (ok) {
      // Keep anything typed while the message was on its way.
      if (this.input.value === sentValue) this.input.value = '';
      this.scrollToEnd();
    } else {
      setText(this.status, this.t.sendFailed);
    }
  }

  private atBottom(): boolean {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 24;
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
