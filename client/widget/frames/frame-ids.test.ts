import { describe, expect, it } from 'vitest';
import { findFramedNode, mirrorPlugin, type RemoteIds } from './frame-ids.ts';

/** Stands for an `<iframe>` element: only its identity matters to the mirror. */
const frame = (name: string) => ({ name }) as unknown as HTMLIFrameElement;

/**
 * rrweb's CrossOriginIframeMirror, as far as it is used: per iframe, the
 * page's id → the frame's own id; -1 for an id that iframe never sent.
 */
function remoteIds(pairs: Map<HTMLIFrameElement, Map<number, number>>): RemoteIds {
  return { getRemoteId: (iframe, id) => pairs.get(iframe)?.get(id) ?? -1 };
}

describe('from a page id to a node of a cross-origin frame', () => {
  const card = frame('card');
  const other = frame('other');
  const ids = remoteIds(
    new Map([
      [card, new Map([[205, 14], [206, 15]])],
      [other, new Map([[310, 14]])],
    ]),
  );

  it("finds the frame that sent the node and the frame's own id for it", () => {
    expect(findFramedNode(206, [other, card], ids)).toEqual({ frame: card, remoteId: 15 });
    // The same frame-side id in two frames: the page id tells them apart.
    expect(findFramedNode(310, [card, other], ids)).toEqual({ frame: other, remoteId: 14 });
  });

  it('is null for ids no frame sent (the page’s own nodes) and for junk', () => {
    expect(findFramedNode(12, [card, other], ids)).toBeNull();
    for (const junk of [0, -1, 1.5, Number.NaN]) expect(findFramedNode(junk, [card, other], ids)).toBeNull();
  });

  it('asks only the frames it is given (those the page lets in)', () => {
    expect(findFramedNode(206, [other], ids)).toBeNull();
    expect(findFramedNode(206, [], ids)).toBeNull();
  });

  it("the plugin keeps the cross-origin iframe mirror rrweb hands it, and adds nothing to the recording", () => {
    let kept: RemoteIds | null = null;
    const plugin = mirrorPlugin((mirror) => (kept = mirror));
    expect(plugin.observer).toBeUndefined();
    expect(plugin.eventProcessor).toBeUndefined();
    const mirror = { getId: () => 1, getIds: () => [], getRemoteId: () => 7, getRemoteIds: () => [], reset: () => {} };
    plugin.getMirror!({ nodeMirror: {} as never, crossOriginIframeMirror: mirror, crossOriginIframeStyleMirror: mirror });
    expect(kept).toBe(mirror);
  });
});
