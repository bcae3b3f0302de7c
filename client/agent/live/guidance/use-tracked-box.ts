import { useEffect, useState, type RefObject } from 'react';
import { elementBox, replayGeometry, type ReplayHandle } from '../../../lib/guidance/replay-dom.ts';
import { replayBoxToContainer, type Box } from '../../../lib/guidance/pointer-math.ts';

export interface TrackedBox {
  /** The element's box on the agent's screen, relative to the container. */
  box: Box;
  /** The replay's CSS scale. */
  scale: number;
}

const same = (a: TrackedBox | null, b: TrackedBox | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.scale === b.scale &&
    Math.round(a.box.left) === Math.round(b.box.left) &&
    Math.round(a.box.top) === Math.round(b.box.top) &&
    Math.round(a.box.width) === Math.round(b.box.width) &&
    Math.round(a.box.height) === Math.round(b.box.height));

/**
 * Follows a replayed element (by rrweb node id) on the agent's screen, frame
 * by frame while `nodeId` is set: the customer scrolls, the page reflows,
 * the replayer is rebuilt — the outline or editor drawn over it moves along.
 */
export function useTrackedBox(
  replay: { current: () => ReplayHandle | null },
  nodeId: number | null,
  container: RefObject<HTMLElement | null>,
): TrackedBox | null {
  const [tracked, setTracked] = useState<TrackedBox | null>(null);

  useEffect(() => {
    if (nodeId === null) {
      setTracked(null);
      return;
    }
    let frame = 0;
    let last: TrackedBox | null = null;
    const measure = () => {
      frame = requestAnimationFrame(measure);
      const handle = replay.current();
      const node = handle?.mirror.getNode(nodeId);
      const host = container.current;
      let next: TrackedBox | null = null;
      if (handle && host && node && node.nodeType === Node.ELEMENT_NODE && node.isConnected) {
        const { drawn, scale } = replayGeometry(handle.iframe);
        const origin = host.getBoundingClientRect();
        next = { box: replayBoxToContainer(elementBox(node as Element), drawn, scale, { x: origin.left, y: origin.top }), scale };
      }
      if (!same(last, next)) {
        last = next;
        setTracked(next);
      }
    };
    measure();
    return () => cancelAnimationFrame(frame);
  }, [replay, nodeId, container]);

  return tracked;
}
