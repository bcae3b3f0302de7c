import { h, setText } from '../ui/dom.ts';
import type { GuidanceStrings } from './strings.ts';

/**
 * While the agent controls the page, the sharing bar says so, by name, and
 * offers the way to stop it at once (Esc anywhere does the same).
 */
export class ControlBar {
  readonly el: HTMLElement;
  private readonly text: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly button: HTMLButtonElement;
  private agentName: string | null = null;

  constructor(
    private t: GuidanceStrings,
    stop: () => void,
  ) {
    this.text = h('strong', { 'data-testid': 'tsunagi-control-status' });
    this.hint = h('span', { class: 'control-hint' });
    this.button = h('button', { type: 'button', class: 'control-stop', 'data-testid': 'tsunagi-control-stop', onclick: () => stop() });
    this.el = h(
      'div',
      { class: 'control-bar', 'data-testid': 'tsunagi-control-bar', hidden: true },
      h('p', { class: 'control-line' }, h('span', { class: 'control-dot', 'aria-hidden': 'true' }), this.text),
      this.hint,
      this.button,
    );
    this.apply();
  }

  /** Shown while control is granted; `agentName` of the agent in control. */
  update(granted: boolean, agentName: string | null): void {
    this.agentName = agentName;
    this.el.hidden = !granted;
    this.apply();
  }

  setStrings(t: GuidanceStrings): void {
    this.t = t;
    this.apply();
  }

  focusStop(): void {
    this.button.focus();
  }

  private apply(): void {
    setText(this.text, this.t.controlling(this.agentName));
    setText(this.hint, this.t.controlStopHint);
    setText(this.button, this.t.controlStop);
  }
}
