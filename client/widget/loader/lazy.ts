/**
 * The widget's lazily loaded parts, as the source sees them: plain dynamic
 * imports (unit tests and type checks use this module as it is).
 *
 * widget.js is one classic script and cannot split itself, so the widget
 * build (vite.config.ts, `lazyChunks`) builds these entries as ES module
 * chunks first and swaps this module for one that imports each chunk by its
 * absolute URL on the Tsunagi server (`origin`): the page's own origin is the
 * insurer's site, which does not serve them.
 */
import type * as Sharing from '../session/sharing.ts';
import type * as Recorder from '../frames/frame-recorder.ts';

export type SharingModule = typeof Sharing;
export type RecorderModule = typeof Recorder;

/** The sharing controller: recorder, transport, guidance, every screen after consent. */
export function loadSharing(_origin: string): Promise<SharingModule> {
  return import('../session/sharing.ts');
}

/** The recorder and the answers to the parent's watches, for a frame that a sharing top page invited (frames/frame-child.ts). */
export function loadRecorder(_origin: string): Promise<RecorderModule> {
  return import('../frames/frame-recorder.ts');
}
