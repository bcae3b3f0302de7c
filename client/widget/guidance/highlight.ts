import { h } from '../ui/dom.ts';
import { LayoutFollower } from './follow.ts';
import { fullyVisible, type Box } from './geometry.ts';
import type { NodeLocator } from './locator.ts';

/** How long the ring stays before it fades out. */
export const HIGHLIGHT_MS = 3000;
const FADE_MS = 600;
/** Space between the element and the ring. */
const GAP = 4;

/**
 * The agent's highlight: the element is scrolled into view if it is not
 * fully visible (smoothly, unless the customer prefers reduced motion) and
 * a ring is drawn around it for a few seconds. The ring follows scrolling,
 * catches no clicks, takes no focus and announces nothing (aria-hidden).
 * A node inside a cross-origin frame is scrolled into the frame's view by
 * the frame's widget, and ringed once that widget has said where it is.
 */
export class HighlightOverlay {
  readonly el: HTMLElement;
  private nodeId: number | null = null;
  /** Whether this highlight has brought its node into view yet. */
  private revealed = false;
  private readonly following: LayoutFollower;
  private timers: ReturnType<typeof setTimeout>[] = [];

  constructor(
    private readonly win: Window,
    private readonly locator: NodeLocator,
    layer: HTMLElement,
  ) {
    this.el = h('div', { class: 'highlight', 'aria-hidden': 'true', 'data-testid': 'tsunagi-highlight', hidden: true });
    layer.append(this.el);
    this.following = new LayoutFollower(win, () => this.place());
  }

  /** Highlights the node; false if it is not on this page. */
  show(nodeId: number): boolean {
    if (!this.locator.track(nodeId, () => this.place(), true)) {
      this.hide();
      return false;
    }
    const where = this.locator.where();
    if (!where) {
      this.hide();
      return false;
    }
    this.clearTimers();
    this.nodeId = nodeId;
    this.revealed = false;
    this.el.classList.remove('fading');
    this.el.setAttribute('data-node', String(nodeId));
    // Restart the pulse animation for a repeated highlight.
    this.el.classList.remove('pulse');
    void this.el.offsetWidth;
    this.el.classList.add('pulse');
    this.place();
    this.timers.push(
      setTimeout(() => this.el.classList.add('fading'), HIGHLIGHT_MS),
      setTimeout(() => this.hide(), HIGHLIGHT_MS + FADE_MS),
    );
    return true;
  }

  hide(): void {
    this.clearTimers();
    this.nodeId = null;
    this.el.hidden = true;
    this.el.classList.remove('fading', 'pulse');
    this.following.cancel();
    this.locator.release();
  }

  private place(): void {
    if (this.nodeId === null) return;
    const where = this.locator.where();
    if (!where) {
      this.hide();
      return;
    }
    if (where === 'waiting') {
      this.el.hidden = true;
      return;
    }
    if (!this.revealed) {
      // Once, when its place is first known (a frame's node: when the frame first answers).
      this.revealed = true;
      this.reveal(where.box, where.reveal);
    }
    this.draw(where.box);
    this.el.hidden = false;
    // Scrolling inside the frames around the node moves it too.
    this.following.follow(where.windows);
  }

  /** Scrolls what is to be ringed into view if it is not fully there (the ring follows the scroll). */
  private reveal(box: Box, target: Element | null): void {
    const viewport = { width: this.win.innerWidth, height: this.win.innerHeight };
    if (!target || fullyVisible(box, viewport)) return;
    const reduced = this.win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    const tall = box.height > viewport.height * 0.8;
    target.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: tall ? 'start' : 'center', inline: 'nearest' });
  }

  private draw(box: Box): void {
    const s = this.el.style;
    s.transform = `translate(${box.left - GAP}px, ${box.top - GAP}px)`;
    s.width = `${box.width + 2 * GAP}px`;
    s.height = `${box.height + 2 * GAP}px`;
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
