import type { RecordPlugin } from '@rrweb/types';

/**
 * From an id of the top page's recording to a node of a cross-origin frame.
 *
 * rrweb's recorder (with `recordCrossOriginIframes`) gives every node a
 * frame's recorder sends a fresh id in the top page's id space, and keeps
 * the pairs per `<iframe>` in its cross-origin iframe mirror
 * (`getRemoteId(iframe, id)`: the frame's own id, or -1 if that iframe never
 * sent it). The top page's own node mirror does not hold these ids: the
 * nodes are in another origin's document. rrweb hands the mirror only to
 * plugins (`getMirror`), so `mirrorPlugin` is how the recorder gets it.
 */

/** What is used of rrweb's CrossOriginIframeMirror. */
export interface RemoteIds {
  getRemoteId(iframe: HTMLIFrameElement, id: number): number;
}

/** A node of a cross-origin frame: the `<iframe>` and the id the frame's own recording gave the node. */
export interface FramedNode {
  frame: HTMLIFrameElement;
  remoteId: number;
}

/**
 * The cross-origin frame whose recording sent node `id`, and the frame's own
 * id for it; null when no frame did (the page's own node, or unknown).
 * Only `frames` are asked: those the page lets in (allowed, not hidden).
 */
export function findFramedNode(id: number, frames: Iterable<HTMLIFrameElement>, ids: RemoteIds): FramedNode | null {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  for (const frame of frames) {
    const remoteId = ids.getRemoteId(frame, id);
    if (Number.isSafeInteger(remoteId) && remoteId > 0) return { frame, remoteId };
  }
  return null;
}

/**
 * An rrweb record plugin that only keeps the cross-origin iframe mirror rrweb
 * hands it (no observer, no events).
 */
export function mirrorPlugin(keep: (ids: RemoteIds) => void): RecordPlugin {
  return {
    name: 'tsunagi/frame-ids',
    options: null,
    getMirror: ({ crossOriginIframeMirror }) => keep(crossOriginIframeMirror),
  };
}
