/**
 * Tsunagi customer widget. Embedded with one tag:
 *
 *   <script src="https://TSUNAGI_HOST/widget.js" async
 *           data-mask="#policy-number" data-block=".medical-history"></script>
 *
 * Shows a help button; on consent shares the page as an rrweb DOM stream
 * (masked at the source) with a support agent. JS API: `Tsunagi.start()`
 * (→ Promise<{ code }>, rejects if declined) and `Tsunagi.stop()`.
 *
 * This file is the loader, on every page view: the button, the consent
 * dialog and the API (loader/launcher.ts). The recorder, the transport and
 * guidance are in the sharing chunk, fetched from the Tsunagi server only
 * when sharing starts or resumes (loader/lazy.ts).
 *
 * In a frame the widget offers no help of its own (the customer asks on the
 * top page); it only records for a sharing top page that invites it — see
 * frames/frame-child.ts.
 */
import { findOwnScript, readScriptOptions } from './config/site-options.ts';
import { FrameChild } from './frames/frame-child.ts';
import { Launcher } from './loader/launcher.ts';
import { loadSharing } from './loader/lazy.ts';
import { createWidgetRoot } from './ui/host.ts';

export interface TsunagiApi {
  start(): Promise<{ code: string }>;
  stop(): Promise<void>;
}

declare global {
  interface Window {
    Tsunagi?: TsunagiApi;
  }
}

// Must run synchronously at the top level: document.currentScript is only set now.
const script = readScriptOptions(findOwnScript(document), location.origin);

if (!window.Tsunagi && window.parent !== window) {
  window.Tsunagi = Object.freeze({
    start: () => Promise.reject(new Error('Tsunagi: sharing starts from the top page, not from a frame')),
    stop: () => Promise.resolve(),
  });
  new FrameChild(window, script).init();
} else if (!window.Tsunagi) {
  let ready: (launcher: Launcher) => void;
  const launcher = new Promise<Launcher>((resolve) => (ready = resolve));
  window.Tsunagi = Object.freeze({
    start: () => launcher.then((l) => l.start()),
    stop: () => launcher.then((l) => l.stop()),
  });
  const boot = () => {
    const l = new Launcher({ win: window, script, ui: createWidgetRoot(document), loadSharing: () => loadSharing(script.origin) });
    l.init();
    ready(l);
  };
  // The host goes into <body>; a tag in <head> without async runs before it exists.
  if (document.body) boot();
  else document.addEventListener('DOMContentLoaded', boot, { once: true });
}
