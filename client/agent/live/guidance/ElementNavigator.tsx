import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import type { ControlState, NodePoint } from '@tsunagi/shared';
import { moveFocus, placement, revealScroll, type NavItem, type NavMove, type Placement } from '../../../lib/guidance/navigable.ts';
import { controlStopsAt, elementBox, type ReplayHandle, type ReplayHit } from '../../../lib/guidance/replay-dom.ts';
import { readNavItem, readNavPage, readPageGeometry } from '../../../lib/guidance/replay-navigation.ts';
import { useI18n, type Messages } from '../../app/messages.ts';
import type { GuideMode } from './control-change.ts';
import type { Guidance } from './use-guidance.ts';
import { useTrackedBox } from './use-tracked-box.ts';
import './navigator.css';

/** What the navigator does through the guidance layer (which names the stream, throttles, reports). */
export interface NavigatorActions {
  highlight: (hit: ReplayHit) => void;
  /** A remote-control "click" on the element, as the mouse would: editor, check, choice or click. */
  control: (hit: ReplayHit) => void;
  movePointer: (point: NodePoint) => void;
  hidePointer: () => void;
  act: Guidance['act'];
  report: Guidance['report'];
}

const KEY_MOVES: Partial<Record<string, NavMove>> = {
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
  Home: 'first',
  End: 'last',
};

/** How often the caption re-reads the chosen element (its value, its state) while the navigator has focus. */
const REFRESH_MS = 500;
/** The middle of an element: where the keyboard's pointer points. */
const CENTRE = { x: 0.5, y: 0.5 };

type Words = Messages['navigator'];

/**
 * The customer's page from the keyboard. One focusable stop over the replay
 * (after the guidance tools in the Tab order): the arrow keys move a ring
 * through the page's headings, links, buttons, fields and labels in the
 * customer's document order, H and F jump by heading and by field, and an
 * assertive live region says what each one is (role, name, value, state,
 * "protected", whether it is inside an embedded frame of the page, and
 * whether the customer can see it). Enter or Space then
 * does what a click does in the current mode: highlight, or in remote
 * control type (the mouse's editor opens over the field), tick, choose or
 * click; P shows the agent's pointer on the chosen element and keeps it
 * there as the ring moves. The list is read from the replay at every key,
 * so it is always the page as it is now.
 */
export function ElementNavigator({
  mode,
  control,
  stream,
  replay,
  container,
  navRef,
  actions,
  editing,
}: {
  mode: GuideMode;
  control: ControlState;
  /** The stream the replay shows: node ids mean something only within one. */
  stream: () => string | null;
  replay: { current: () => ReplayHandle | null };
  /** The guidance layer: what the ring is positioned in. */
  container: RefObject<HTMLDivElement | null>;
  navRef: RefObject<HTMLDivElement | null>;
  actions: NavigatorActions;
  /** The control editor is open over the chosen element. */
  editing: boolean;
}) {
  const { t } = useI18n();
  const words = t.navigator;
  const [chosen, setChosen] = useState<{ nodeId: number; streamId: string | null } | null>(null);
  // The customer moved to another tab or page: the same id would name another element.
  const current = chosen !== null && chosen.streamId === stream() ? chosen.nodeId : null;
  const setCurrent = (nodeId: number | null) => setChosen(nodeId === null ? null : { nodeId, streamId: stream() });
  const [item, setItem] = useState<NavItem | null>(null);
  const [where, setWhere] = useState<Placement>('visible');
  const [count, setCount] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [pointing, setPointing] = useState(false);
  const [spoken, setSpoken] = useState('');
  const { movePointer, hidePointer } = actions;

  const showRing = current !== null && item !== null && (focused || pointing) && !editing;
  const tracked = useTrackedBox(replay, showRing ? current : null, container);

  // A live region speaks when its text changes: the same words twice (a second
  // key at the end of the page) differ by an invisible space.
  const say = useCallback((text: string) => setSpoken((previous) => (previous === text ? `${text}\u00a0` : text)), []);

  // The pointer follows the ring while it is on.
  useEffect(() => {
    if (pointing && current !== null) movePointer({ nodeId: current, ...CENTRE });
  }, [pointing, current, movePointer]);

  // "View only" sends nothing: the pointer goes (the layer hides it) and stays off.
  useEffect(() => {
    if (mode === 'view') setPointing(false);
  }, [mode]);

  // Control granted while the keyboard agent's focus was lost (the request button
  // it pressed is gone): bring it here, where control happens.
  const previousControl = useRef(control);
  useEffect(() => {
    const before = previousControl.current;
    previousControl.current = control;
    if (before === 'granted' || control !== 'granted') return;
    const active = document.activeElement;
    if (!active || active === document.body) navRef.current?.focus();
  }, [control, navRef]);

  // The caption keeps up with the element (the customer types, ticks, scrolls).
  useEffect(() => {
    if (!focused || current === null) return;
    const timer = setInterval(() => {
      const handle = replay.current();
      const fresh = handle ? readNavItem(handle, current) : null;
      const geometry = handle ? readPageGeometry(handle) : null;
      setItem(fresh);
      if (fresh && geometry) setWhere(placement(fresh.box, geometry.viewport));
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [focused, current, replay]);

  const go = (move: NavMove) => {
    const handle = replay.current();
    const page = handle ? readNavPage(handle) : null;
    if (!page || page.items.length === 0) {
      say(words.empty);
      return;
    }
    setCount(page.items.length);
    const index = moveFocus(page.items, current, move, page.viewport.height);
    if (index === null) {
      say(edgeWords(words, move));
      return;
    }
    const next = page.items[index]!;
    const nextWhere = placement(next.box, page.viewport);
    setCurrent(next.nodeId);
    setItem(next);
    setWhere(nextWhere);
    say(words.sentence(describe(words, next, nextWhere), words.position(index + 1, page.items.length)));
  };

  const activate = () => {
    const handle = replay.current();
    const node = handle && current !== null ? handle.mirror.getNode(current) : null;
    const fresh = handle && current !== null ? readNavItem(handle, current) : null;
    if (!handle || !node || !fresh || node.nodeType !== Node.ELEMENT_NODE) {
      if (current !== null) {
        setCurrent(null);
        setItem(null);
        say(words.gone);
      } else {
        go('next');
      }
      return;
    }
    const element = node as Element;
    const hit: ReplayHit = { element, nodeId: fresh.nodeId, point: { nodeId: fresh.nodeId, ...CENTRE } };
    if (mode === 'view') {
      say(words.viewOnly);
      return;
    }
    if (mode === 'guide') {
      // The guidance bar announces "highlighted" (or why not).
      actions.highlight(hit);
      return;
    }
    if (fresh.control === 'protected') {
      actions.report({ kind: 'protected' });
      return;
    }
    if (controlStopsAt(handle, element)) {
      // Refused at once (the widget would refuse it), and the customer's page is not scrolled for nothing.
      actions.control(hit);
      return;
    }
    if (fresh.control === 'inert') {
      say(words.inert);
      return;
    }
    // Acting on something the customer cannot see: their page scrolls to it first.
    const geometry = readPageGeometry(handle);
    const to = geometry ? revealScroll(elementBox(element), geometry.viewport, geometry.scroll, geometry.extent) : null;
    if (geometry && to && geometry.documentNodeId > 0) actions.act({ kind: 'scroll', nodeId: geometry.documentNodeId, ...to });
    actions.control(hit);
    if (fresh.role === 'radio') say(words.selectedNow);
    else if (fresh.checked !== null) say(fresh.checked ? words.uncheckedNow : words.checkedNow);
    else if (fresh.control === 'click') say(words.clicked);
  };

  const togglePointer = () => {
    if (mode === 'view') {
      say(words.viewOnly);
      return;
    }
    if (pointing) {
      setPointing(false);
      hidePointer();
      say(words.pointerOff);
      return;
    }
    setPointing(true);
    say(current === null ? `${words.pointerOn} ${words.start(count ?? 0)}` : words.pointerOn);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing) return;
    const letter = event.key.length === 1 ? event.key.toLowerCase() : '';
    let move = KEY_MOVES[event.key];
    if (letter === 'h') move = event.shiftKey ? 'previousHeading' : 'nextHeading';
    if (letter === 'f') move = event.shiftKey ? 'previousField' : 'nextField';
    if (move) {
      event.preventDefault();
      go(move);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (!event.repeat) activate();
    } else if (letter === 'p') {
      event.preventDefault();
      togglePointer();
    } else if (event.key === 'Escape' && pointing) {
      event.preventDefault();
      togglePointer();
    }
  };

  const onFocus = () => {
    setFocused(true);
    const handle = replay.current();
    const fresh = handle && current !== null ? readNavItem(handle, current) : null;
    const geometry = handle ? readPageGeometry(handle) : null;
    if (fresh && geometry) {
      // Back from the editor, or from the tools: say where we are, with what changed.
      const freshWhere = placement(fresh.box, geometry.viewport);
      setItem(fresh);
      setWhere(freshWhere);
      say(describe(words, fresh, freshWhere));
      return;
    }
    setCurrent(null);
    setItem(null);
    setCount(handle ? (readNavPage(handle)?.items.length ?? 0) : 0);
  };

  let caption: string;
  if (item) caption = describe(words, item, where);
  else if (count === 0) caption = words.empty;
  else caption = words.start(count ?? 0);
  // Off screen: what Enter would do about it (nothing in remote control, for what cannot be acted on).
  const actsHere = mode !== 'control' || (item?.control !== 'protected' && item?.control !== 'inert' && item?.frame === null);
  const hint = item && where !== 'visible' && actsHere ? words.offscreenHint[mode] : '';
  const layer = container.current;
  const captionStyle = captionPlace(showRing ? (tracked?.box ?? null) : null, { width: layer?.clientWidth ?? 0, height: layer?.clientHeight ?? 0 });
  const isProtected = item?.control === 'protected';

  return (
    <>
      <div
        ref={navRef}
        className="guide-nav"
        tabIndex={0}
        role="application"
        aria-label={words.label}
        aria-describedby="guide-nav-help"
        data-testid="guide-navigator"
        data-node-id={current ?? ''}
        data-role={item?.role ?? ''}
        data-control={item?.control ?? ''}
        data-pointer={pointing ? 'on' : 'off'}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={() => setFocused(false)}
      />
      {showRing && tracked ? (
        <div
          className={`guide-nav-ring${isProtected ? ' guide-nav-ring-protected' : ''}`}
          data-testid="guide-focus"
          data-node-id={current}
          aria-hidden="true"
          style={{ left: tracked.box.left - 4, top: tracked.box.top - 4, width: tracked.box.width + 8, height: tracked.box.height + 8 }}
        />
      ) : null}
      {focused && !editing ? (
        // What the live region said, for the eyes; screen readers have the region.
        <div className="guide-nav-caption" style={captionStyle} aria-hidden="true" data-testid="guide-nav-caption">
          <p className="guide-nav-caption-what">{caption}</p>
          {hint ? <p className="guide-nav-caption-hint">{hint}</p> : null}
          {pointing ? <p className="guide-nav-caption-hint">{words.pointing}</p> : null}
          <p className="guide-nav-caption-keys">{words.keys[mode]}</p>
        </div>
      ) : null}
      <p id="guide-nav-help" className="visually-hidden">
        {words.help[mode]}
      </p>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="guide-nav-status">
        {spoken}
      </div>
    </>
  );
}

/** Room kept between the caption and the ring or the stage's edge. */
const CAPTION_GAP = 12;
/** The caption's widest; also what keeps it clear of the guidance notices over the stage's top left. */
const CAPTION_WIDTH = 480;

/**
 * The caption sits by the ring like a tooltip — under it in the stage's
 * upper half, over it in the lower half — where the agent's eyes are;
 * at the top or bottom edge when the element is outside the customer's
 * view; at the bottom when nothing is chosen yet.
 */
function captionPlace(ring: { left: number; top: number; width: number; height: number } | null, stage: { width: number; height: number }): CSSProperties {
  const width = Math.max(0, Math.min(CAPTION_WIDTH, stage.width - CAPTION_GAP * 2));
  const left = ring ? Math.max(CAPTION_GAP, Math.min(ring.left, stage.width - CAPTION_GAP - width)) : CAPTION_GAP;
  const base: CSSProperties = { left, maxWidth: width };
  const most = Math.max(CAPTION_GAP, stage.height - 96);
  if (!ring || ring.top >= stage.height) return { ...base, bottom: CAPTION_GAP };
  if (ring.top + ring.height <= 0) return { ...base, top: CAPTION_GAP };
  if (ring.top + ring.height / 2 > stage.height / 2) return { ...base, bottom: Math.min(most, stage.height - ring.top + CAPTION_GAP) };
  return { ...base, top: Math.min(most, ring.top + ring.height + CAPTION_GAP) };
}

function edgeWords(words: Words, move: NavMove): string {
  if (move === 'nextHeading' || move === 'previousHeading') return words.noHeading;
  if (move === 'nextField' || move === 'previousField') return words.noField;
  return move === 'previous' ? words.first : words.last;
}

/** "Field “Address”, contains: …, required, below the customer's view" — without the position. */
function describe(words: Words, item: NavItem, where: Placement): string {
  const role = item.role === 'heading' && item.level ? words.heading(item.level) : words.roles[item.role];
  const states: string[] = [];
  if (item.frame !== null) states.push(words.inFrame(item.frame));
  if (item.value !== null) {
    if (item.role === 'textbox') states.push(item.value ? words.value(item.value) : words.emptyValue);
    else if (item.value) states.push(words.choice(item.value));
  }
  if (item.checked !== null) {
    if (item.role === 'radio') states.push(item.checked ? words.selected : words.unselected);
    else states.push(item.checked ? words.checked : words.unchecked);
  }
  if (item.required) states.push(words.required);
  if (item.invalid) states.push(words.invalid);
  if (item.disabled) states.push(words.disabled);
  if (item.control === 'protected') states.push(words.protected);
  if (where !== 'visible') states.push(words[where]);
  return [words.named(role, item.name), ...states].join(words.separator);
}
