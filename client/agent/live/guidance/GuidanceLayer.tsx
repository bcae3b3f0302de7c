import { useCallback, useEffect, useRef, useState, type MouseEvent, type PointerEvent, type RefObject } from 'react';
import { controlTarget } from '../../../lib/guidance/control-target.ts';
import { controlStopsAt, elementFacts, fieldState, hitTest, scrollTarget, type ReplayHandle, type ReplayHit } from '../../../lib/guidance/replay-dom.ts';
import { nextScroll, wheelPixels, type ScrollPosition } from '../../../lib/guidance/scroll.ts';
import { throttle } from '../../../lib/guidance/throttle.ts';
import { toRequestError } from '../../../lib/errors.ts';
import { useI18n } from '../../app/messages.ts';
import { ControlEditor, type EditorCloseReason, type EditorTarget } from './ControlEditor.tsx';
import { ElementNavigator, type NavigatorActions } from './ElementNavigator.tsx';
import { usePointerSender } from './use-pointer-sender.ts';
import { useTrackedBox, type TrackedBox } from './use-tracked-box.ts';
import type { Guidance } from './use-guidance.ts';

/** How long a highlight stays outlined in the agent's own view. */
const FLASH_MS = 2000;
/** Scrolls go out at most this often; each carries the absolute position. */
const SCROLL_INTERVAL_MS = 60;
/** The replay shows our scroll only after a round trip: until then we add to what we sent. */
const SCROLL_ECHO_MS = 700;

type Replay = { current: () => ReplayHandle | null };

/**
 * A transparent surface over the replay that turns the agent's mouse into
 * guidance. The replay iframe itself takes no events (rrweb sets
 * pointer-events: none), so this layer catches them, finds the replayed
 * element underneath (elementFromPoint in the iframe, through the CSS scale)
 * and names it by rrweb node id:
 *
 * - pointer & highlight: moves send `guide:pointer`; a click sends
 *   `guide:highlight` and outlines the element here too;
 * - remote control: clicks, checks, choices, typing (in an editor opened
 *   over the field) and the wheel become `control:action`s.
 *
 * The same from the keyboard: the ElementNavigator inside it is a focus stop
 * that walks the replayed page's elements and sends through the functions
 * below, as a click on the element's middle would.
 */
export function GuidanceLayer({ guidance, replay }: { guidance: Guidance; replay: Replay }) {
  const { t } = useI18n();
  const layerRef = useRef<HTMLDivElement>(null);
  const { socket, sessionId, stream, mode, act, report } = guidance;
  const { move: movePointer, hide: hidePointer } = usePointerSender(socket, sessionId, stream);
  const [hover, setHover] = useState<number | null>(null);
  const [flash, setFlash] = useState<{ nodeId: number; at: number } | null>(null);
  const [editor, setEditor] = useState<EditorTarget | null>(null);
  const navRef = useRef<HTMLDivElement>(null);
  /** The open editor came from the keyboard: closing it (Esc, a choice) goes back to the navigator. */
  const editorFromKeyboard = useRef(false);

  const hoverBox = useTrackedBox(replay, mode === 'view' ? null : hover, layerRef);
  const flashBox = useTrackedBox(replay, flash?.nodeId ?? null, layerRef);
  const editorBox = useTrackedBox(replay, editor?.nodeId ?? null, layerRef);

  // Leaving a mode leaves its traces behind.
  useEffect(() => {
    setEditor(null);
    if (mode === 'view') {
      hidePointer();
      setHover(null);
    }
  }, [mode, hidePointer]);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  const hitAt = useCallback(
    (event: { clientX: number; clientY: number }): ReplayHit | null => {
      const handle = replay.current();
      return handle ? hitTest(handle, { x: event.clientX, y: event.clientY }) : null;
    },
    [replay],
  );

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (mode === 'view') return;
    const hit = hitAt(event);
    if (!hit) {
      hidePointer();
      setHover(null);
      return;
    }
    movePointer(hit.point);
    setHover(hit.nodeId);
  };

  const onPointerLeave = () => {
    hidePointer();
    setHover(null);
  };

  const highlight = (hit: ReplayHit) => {
    const streamId = stream();
    if (streamId === null) return;
    setFlash({ nodeId: hit.nodeId, at: Date.now() });
    socket
      .request('guide:highlight', { sessionId, streamId, nodeId: hit.nodeId })
      .then(() => report({ kind: 'highlighted' }))
      .catch((caught: unknown) => report({ kind: 'error', code: toRequestError(caught).code }));
  };

  const control = (hit: ReplayHit, fromKeyboard = false) => {
    const { element, nodeId } = hit;
    const handle = replay.current();
    // The widget refuses control inside frames (pointer and highlight reach them): say so at once.
    if (handle && controlStopsAt(handle, element)) {
      report({ kind: 'in_frame' });
      return;
    }
    const target = controlTarget(elementFacts(element, handle?.mirror));
    const state = fieldState(element);
    switch (target) {
      case 'protected':
        report({ kind: 'protected' });
        return;
      case 'inert':
        return;
      case 'checkbox':
        act({ kind: 'check', nodeId, checked: !state.checked });
        return;
      case 'radio':
        act({ kind: 'check', nodeId, checked: true });
        return;
      case 'select':
      case 'text':
      case 'textarea': {
        // The click focuses the real field on the customer's page, where they see the caret.
        if (target !== 'select') act({ kind: 'click', point: hit.point });
        const fontSize = parseFloat(element.ownerDocument.defaultView?.getComputedStyle(element).fontSize ?? '') || 16;
        editorFromKeyboard.current = fromKeyboard;
        setEditor({ nodeId, kind: target, value: state.value, options: state.options, fontSize });
        return;
      }
      case 'click':
        act({ kind: 'click', point: hit.point });
        return;
    }
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    // Clicks inside the editor bubble up here; they are the editor's.
    if (event.target !== layerRef.current || mode === 'view') return;
    const hit = hitAt(event);
    if (!hit) return;
    if (mode === 'guide') highlight(hit);
    else control(hit);
  };

  useRemoteWheel(layerRef, mode === 'control', replay, act);

  const closeEditor = (reason: EditorCloseReason) => {
    setEditor(null);
    const back = reason === 'done' && editorFromKeyboard.current;
    editorFromKeyboard.current = false;
    if (back) navRef.current?.focus();
  };

  const keyboard: NavigatorActions = {
    highlight,
    control: (hit) => control(hit, true),
    movePointer,
    hidePointer,
    act,
    report,
  };

  return (
    <div
      ref={layerRef}
      className={`guide-layer guide-layer-${mode}`}
      data-testid="guide-layer"
      data-mode={mode}
      aria-label={t.guide.layerLabel}
      aria-describedby="guide-hint"
      role="group"
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
      onClick={onClick}
    >
      {hoverBox && !editor ? <Outline tracked={hoverBox} className={`guide-hover guide-hover-${mode}`} testId="guide-hover" nodeId={hover} /> : null}
      {flash && flashBox ? (
        <Outline key={flash.at} tracked={flashBox} className="guide-flash" testId="guide-highlight" nodeId={flash.nodeId} />
      ) : null}
      {editor && editorBox && mode === 'control' ? (
        <ControlEditor key={editor.nodeId} target={editor} tracked={editorBox} act={act} onClose={closeEditor} />
      ) : null}
      <ElementNavigator
        mode={mode}
        control={guidance.control}
        stream={stream}
        replay={replay}
        container={layerRef}
        navRef={navRef}
        actions={keyboard}
        editing={editor !== null && mode === 'control'}
      />
    </div>
  );
}

function Outline({ tracked, className, testId, nodeId }: { tracked: TrackedBox; className: string; testId: string; nodeId: number | null }) {
  const { box } = tracked;
  return (
    <div
      className={`guide-outline ${className}`}
      data-testid={testId}
      data-node-id={nodeId ?? ''}
      aria-hidden="true"
      style={{ left: box.left - 3, top: box.top - 3, width: box.width + 6, height: box.height + 6 }}
    />
  );
}

/**
 * The wheel in remote control scrolls what is under the mouse on the
 * customer's page: the nearest element that scrolls by itself, else the
 * page. We send absolute positions, adding to the last one we sent until
 * the replay has caught up with it.
 */
function useRemoteWheel(
  layerRef: RefObject<HTMLDivElement | null>,
  active: boolean,
  replay: Replay,
  act: Guidance['act'],
) {
  useEffect(() => {
    const layer = layerRef.current;
    if (!layer || !active) return;
    const sent = new Map<number, { position: ScrollPosition; at: number }>();
    const sender = throttle((action: { nodeId: number } & ScrollPosition) => act({ kind: 'scroll', ...action }), SCROLL_INTERVAL_MS);
    const onWheel = (event: WheelEvent) => {
      const handle = replay.current();
      const hit = handle ? hitTest(handle, { x: event.clientX, y: event.clientY }) : null;
      if (!handle || !hit) return;
      // Not into frames: the widget refuses control there.
      if (controlStopsAt(handle, hit.element)) return;
      event.preventDefault();
      const view = handle.iframe.contentWindow;
      const delta = wheelPixels(event, { width: view?.innerWidth ?? 0, height: view?.innerHeight ?? 0 });
      const target = scrollTarget(handle, hit.element, delta);
      if (!target) return;
      const now = performance.now();
      const recent = sent.get(target.nodeId);
      const from = recent && now - recent.at < SCROLL_ECHO_MS ? recent.position : target.from;
      const position = nextScroll(from, delta, target.extent);
      sent.set(target.nodeId, { position, at: now });
      sender.push({ nodeId: target.nodeId, ...position });
    };
    layer.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      layer.removeEventListener('wheel', onWheel);
      sender.flush();
    };
  }, [layerRef, active, replay, act]);
}
