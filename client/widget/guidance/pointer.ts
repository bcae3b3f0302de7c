import type { NodePoint } from '@tsunagi/shared';
import { h } from '../ui/dom.ts';
import { LayoutFollower } from './follow.ts';
import { pointIn } from './geometry.ts';
import type { NodeLocator } from './locator.ts';

/** Hidden when the agent's pointer has not moved for this long. */
export const POINTER_IDLE_MS = 5000;

const ARROW =
  '<svg width="34" height="34" viewBox="0 0 28 28" aria-hidden="true" focusable="false"><path d="M2 2 L2 23 L8 17.5 L12.5 26 L16.5 24 L12 15.5 L20 15.5 Z" fill="#c2185b" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/></svg>';

/**
 * The agent's pointer on the customer's page, labelled with the agent's
 * name. The agent names an element and a point inside its box; the position
 * is computed from the element's box every time the page or a container
 * scrolls, so it stays on the same spot whoever scrolls. Drawn in the
 * widget's shadow root (excluded from the recording), fixed, never
 * catching a click, hidden from screen readers. A node inside a
 * cross-origin frame is drawn once the frame's widget has said where it is
 * (see NodeLocator), and moved whenever it says so again.
 */
export class PointerOverlay {
  readonly el: HTMLElement;
  private readonly label: HTMLElement;
  private point: NodePoint | null = null;
  private readonly following: LayoutFollower;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly win: Window,
    private readonly locator: NodeLocator,
    layer: HTMLElement,
  ) {
    const arrow = h('span', { class: 'pointer-arrow' });
    arrow.innerHTML = ARROW; // a constant: no data goes through innerHTML
    this.label = h('span', { class: 'pointer-label' });
    this.el = h('div', { class: 'pointer', 'aria-hidden': 'true', 'data-testid': 'tsunagi-pointer', hidden: true }, arrow, this.label);
    layer.append(this.el);
    this.following = new LayoutFollower(win, () => {
      if (!this.place()) this.hide();
    });
  }

  /** Shows the pointer at `point` (or hides it for null). Returns whether it is shown. */
  update(agentName: string, point: NodePoint | null): boolean {
    if (!point) {
      this.hide();
      return false;
    }
    if (!this.locator.track(point.nodeId, () => this.moved())) {
      this.hide();
      return false;
    }
    this.point = point;
    if (this.label.textContent !== agentName) this.label.textContent = agentName;
    this.el.setAttribute('data-agent', agentName);
    if (!this.place()) {
      this.hide();
      return false;
    }
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.hide(), POINTER_IDLE_MS);
    return true;
  }

  hide(): void {
    this.point = null;
    this.el.hidden = true;
    this.following.cancel();
    this.locator.release();
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** A frame said where the node is now. */
  private moved(): void {
    if (this.point && !this.place()) this.hide();
  }

  /** Moves the pointer onto its point (shown once it is known where); false if the element is gone. */
  private place(): boolean {
    const point = this.point;
    const where = point ? this.locator.where() : null;
    if (!point || !where) return false;
    if (where === 'waiting') {
      this.el.hidden = true;
      return true;
    }
    const at = pointIn(where.box, point.x, point.y);
    this.el.style.transform = `translate(${Math.round(at.x * 10) / 10}px, ${Math.round(at.y * 10) / 10}px)`;
    this.el.setAttribute('data-node', String(point.nodeId));
    this.el.hidden = false;
    // Scrolling inside the frames around the node moves it too.
    this.following.follow(where.windows);
    return true;
  }
}
