/**
 * Calls `update` once per frame while the page or any scrolled container
 * scrolls, or the window resizes — in `win` and in each of `also` (the
 * same-origin frames a followed node is inside: scrolling inside a frame's
 * document never reaches the top window). Returns the function that stops
 * it. Scroll events of elements do not bubble, but they pass their window
 * in the capture phase, so one listener per window sees them all.
 */
export function followLayout(win: Window, update: () => void, also: readonly Window[] = []): () => void {
  let frame = 0;
  const schedule = () => {
    if (frame === 0) {
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        update();
      });
    }
  };
  const options: AddEventListenerOptions = { capture: true, passive: true };
  const windows = [win, ...also.filter((other) => other !== win)];
  for (const target of windows) {
    target.addEventListener('scroll', schedule, options);
    target.addEventListener('resize', schedule, options);
  }
  return () => {
    for (const target of windows) {
      target.removeEventListener('scroll', schedule, options);
      target.removeEventListener('resize', schedule, options);
    }
    if (frame !== 0) win.cancelAnimationFrame(frame);
    frame = 0;
  };
}

/**
 * Follows the layout of whatever node is current: when the node moves into
 * another frame (or out of one), the listeners move with it.
 */
export class LayoutFollower {
  private stop: (() => void) | null = null;
  private windows: readonly Window[] = [];

  constructor(
    private readonly win: Window,
    private readonly update: () => void,
  ) {}

  /** Listens on the top window and `windows` (replacing listeners on other windows). */
  follow(windows: readonly Window[]): void {
    if (this.stop && sameWindows(windows, this.windows)) return;
    this.stop?.();
    this.windows = windows;
    this.stop = followLayout(this.win, this.update, windows);
  }

  cancel(): void {
    this.stop?.();
    this.stop = null;
    this.windows = [];
  }
}

function sameWindows(a: readonly Window[], b: readonly Window[]): boolean {
  return a.length === b.length && a.every((win, i) => win === b[i]);
}
