/**
 * Calls `update` once per frame while the page or any scrolled container
 * scrolls, or the window resizes. Returns the function that stops it.
 * Scroll events of elements do not bubble, but they pass the window in the
 * capture phase, so one listener sees them all.
 */
export function followLayout(win: Window, update: () => void): () => void {
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
  win.addEventListener('scroll', schedule, options);
  win.addEventListener('resize', schedule, options);
  return () => {
    win.removeEventListener('scroll', schedule, options);
    win.removeEventListener('resize', schedule, options);
    if (frame !== 0) win.cancelAnimationFrame(frame);
    frame = 0;
  };
}
