import { h } from '../ui/dom.ts';
import { LayoutFollower } from './follow.ts';
import { elementOf, fullyVisible, nodeBox, windowsOf } from './geometry.ts';

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
 */
export class HighlightOverlay {
  readonly el: HTMLElement;
  private nodeId: number | null = null;
  private readonly following: LayoutFollower;
  private timers: ReturnType<typeof setTimeout>[] = [];

  constructor(
    private readonly win: Window,
    private readonly findNode: (id: number) => Node | null,
    layer: HTMLElement,
  ) {
    this.el = h('div', { class: 'highlight', 'aria-hidden': 'true', 'data-testid': 'tsunagi-highlight', hidden: true });
    layer.append(this.el);
    this.following = new LayoutFollower(win, () => this.place());
  }

  /** Highlights the node; false if it is not on this page. */
  show(nodeId: number): boolean {
    const node = this.findNode(nodeId);
    const box = node ? nodeBox(node) : null;
    if (!node || !box) return false;
    this.clearTimers();
    this.nodeId = nodeId;
    const viewport = { width: this.win.innerWidth, height: this.win.innerHeight };
    const target = elementOf(node);
    if (target && node.nodeType !== Node.DOCUMENT_NODE && !fullyVisible(box, viewport)) {
      const reduced = this.win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
      const tall = box.height > viewport.height * 0.8;
      target.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: tall ? 'start' : 'center', inline: 'nearest' });
    }
    this.el.classList.remove('fading');
    this.el.hidden = false;
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
  }

  private place(): void {
    const node = this.nodeId === null ? null : this.findNode(this.nodeId);
    const box = node ? nodeBox(node) : null;
    if (!box) {
      this.hide();
      return;
    }
    const s = this.el.style;
    s.transform = `translate(${box.left - GAP}px, ${box.top - GAP}px)`;
    s.width = `${box.width + 2 * GAP}px`;
    s.height = `${box.height + 2 * GAP}px`;
    // Scrolling inside the frames around the node moves it too.
    this.following.follow(windowsOf(node!));
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
