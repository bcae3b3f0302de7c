import { useEffect, useRef, useState, type ReactNode } from 'react';
import { fitViewport, type Size } from '../../lib/live-replay/scale.ts';

/** Room kept around the replay so its edge stays visible against the stage. */
const PADDING = 16;

/**
 * Where the replay lives. rrweb renders the customer's page at its real size
 * (the viewport from the Meta / viewport-resize events); we fit it into the
 * space we have with a CSS transform, keeping the aspect ratio, and follow
 * both sides: the customer resizing their window and the agent resizing ours.
 */
export function LiveStage({
  viewport,
  onRoot,
  overlay,
  layer,
  controlling = false,
}: {
  viewport: Size | null;
  /** Receives the element the player mounts rrweb into. */
  onRoot: (element: HTMLDivElement | null) => void;
  overlay: ReactNode;
  /** Drawn over the replay at its on-screen size: the guidance surface. */
  layer?: ReactNode;
  /** The agent is controlling the customer's page: the frame says so. */
  controlling?: boolean;
}) {
  const areaRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Size>({ width: 0, height: 0 });

  useEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect) setBox({ width: rect.width, height: rect.height });
    });
    observer.observe(area);
    return () => observer.disconnect();
  }, []);

  const content = viewport ?? { width: 0, height: 0 };
  const fit = fitViewport(content, { width: box.width - PADDING * 2, height: box.height - PADDING * 2 });
  return (
    <div className="live-area" ref={areaRef}>
      <div
        className={controlling ? 'live-frame live-frame-control' : 'live-frame'}
        data-testid="live-stage"
        data-scale={fit.scale.toFixed(3)}
        style={{ width: fit.width, height: fit.height, visibility: viewport ? 'visible' : 'hidden' }}
      >
        <div
          className="live-scaler"
          style={{ width: content.width, height: content.height, transform: `scale(${fit.scale})` }}
        >
          <div ref={onRoot} className="live-root" data-testid="live-replay-root" />
        </div>
        {layer}
      </div>
      {overlay}
    </div>
  );
}
