import { record } from 'rrweb';
import type { eventWithTime } from '@rrweb/types';
import { findFramedNode, mirrorPlugin, type FramedNode, type RemoteIds } from '../frames/frame-ids.ts';
import type { FrameBox, WatchSlot } from '../frames/messages.ts';
import { FrameBridge } from '../frames/parent-bridge.ts';
import { FieldMasker, buildSelectors, closestComposed, type PasswordMemory, type SiteSelectors } from './masking.ts';
import { AttributeEchoFilter } from './attribute-echoes.ts';
import { sanitizeEvent } from './sanitize.ts';
import { frameScrollEvents } from './frame-scrolls.ts';

type RecordOptions = NonNullable<Parameters<typeof record>[0]>;

export interface RecorderOptions {
  /** Receives every event, already masked. */
  emit(event: eventWithTime): void;
  site: SiteSelectors;
  /** Take a fresh full snapshot this often (late joiners, bounded replay memory). */
  checkoutEveryMs: number;
  /** Password fields seen since the page loaded (see PasswordMemory). */
  passwords: PasswordMemory;
  /**
   * Origins of cross-origin frames whose own widget may pass its (masked)
   * recording in (see frames/). Empty or absent: cross-origin frames stay
   * empty boxes. Same-origin frames are always recorded, with these rules.
   */
  frameOrigins?: readonly string[];
}

export interface Recording {
  takeFullSnapshot(): void;
  stop(): void;
  /** The page node rrweb knows by this id — the id the agent's replay uses for it. Null once stopped. */
  node(id: number): Node | null;
  /**
   * A node of a cross-origin frame whose recording this page takes in, by
   * the id the agent's replay uses for it (rrweb's remapped id): the
   * `<iframe>` and the frame's own id. Null for other ids, or once stopped.
   */
  framed(id: number): FramedNode | null;
  /**
   * Follows such a node's box in its frame's viewport, as the frame's widget
   * reports it (see FrameBridge.watch); false if the frame is not let in.
   */
  watchFramed(slot: WatchSlot, node: FramedNode, reveal: boolean, moved: (box: FrameBox | null) => void): boolean;
  unwatchFramed(slot: WatchSlot): void;
  /** The masking rule this recording applies (remote control refuses the same fields). */
  readonly masker: FieldMasker;
  /** Adds a custom event (a marker for the review player) to the recording; ignored once stopped. */
  mark(tag: string, payload: Record<string, unknown>): void;
}

/**
 * Every input type goes through `maskInputFn`. `maskAllInputs: true` would
 * replace this object with rrweb's fixed list, which lacks `hidden` (rrweb
 * #1609) — so the superset is given explicitly, including the `input` tag
 * key that rrweb also consults, so an input of any type is covered.
 */
const MASK_EVERY_INPUT = {
  input: true,
  color: true,
  date: true,
  'datetime-local': true,
  email: true,
  month: true,
  number: true,
  range: true,
  search: true,
  tel: true,
  text: true,
  time: true,
  url: true,
  week: true,
  password: true,
  hidden: true,
  file: true,
  textarea: true,
  select: true,
} as RecordOptions['maskInputOptions'];

/** rrweb's EventType.FullSnapshot (kept local: importing the enum would add code). */
const EVENT_FULL_SNAPSHOT = 2;

/**
 * Starts rrweb on this page with masking at the source. Nothing leaves this
 * function unmasked: rrweb masks through `FieldMasker`, then `sanitizeEvent`
 * checks the result again before `emit` sees it.
 */
export function startRecording(options: RecorderOptions): Recording {
  const selectors = buildSelectors(options.site, isValidSelector);
  if (selectors.rejected.length > 0) console.warn('[tsunagi] ignored invalid mask/block selectors:', selectors.rejected);
  const masker = new FieldMasker(selectors, options.passwords);
  // Before rrweb starts listening for frames' messages: the bridge decides which it may see.
  const frames = options.frameOrigins?.length
    ? new FrameBridge(window, {
        origins: options.frameOrigins,
        isHidden: (frame) => closestComposed(frame, selectors.block) || masker.isUnderMask(frame),
      })
    : null;

  const echoes = new AttributeEchoFilter((id, name) => {
    const node = record.mirror.getNode(id);
    const meta = node ? record.mirror.getMeta(node) : null;
    // Known node without the attribute: it is absent (null), as a removal says.
    return meta && 'attributes' in meta ? (meta.attributes[name] ?? null) : undefined;
  });

  let remoteIds: RemoteIds | null = null;
  let running = true;
  /** rrweb's events, and the few made here, leave the page only through this. */
  const deliver = (event: eventWithTime) => {
    try {
      sanitizeEvent(event, record.mirror, masker);
    } catch (error) {
      // Never let an event we could not check leave the page.
      console.warn('[tsunagi] dropped an event that could not be checked', error);
      return;
    }
    // After masking: the values compared are the ones sent.
    if (!echoes.keep(event)) return;
    options.emit(event);
  };
  const stopRecord = record({
    emit(event) {
      deliver(event);
      if ((event.type as number) !== EVENT_FULL_SNAPSHOT) return;
      frames?.snapshotTaken();
      // The frames' scroll, which the snapshot does not carry (frame-scrolls.ts) —
      // after the mutations that attach same-origin frames' documents to it.
      setTimeout(() => {
        if (!running) return;
        for (const scroll of frameScrollEvents(document, window !== window.top, (node) => record.mirror.getId(node))) deliver(scroll);
      }, 0);
    },
    // A frame's events arrive already masked by the widget in that frame (frames/frame-child.ts).
    recordCrossOriginIframes: frames !== null,
    // Keeps rrweb's map from the page's ids to each frame's own (for guidance into those frames).
    plugins: frames ? [mirrorPlugin((ids) => (remoteIds = ids))] : [],
    checkoutEveryNms: options.checkoutEveryMs,
    blockSelector: selectors.block,
    maskTextSelector: selectors.mask,
    maskInputOptions: MASK_EVERY_INPUT,
    maskInputFn: masker.maskInput,
    // Scripts, comments and head metadata never render; leaving them out keeps snapshots small.
    slimDOMOptions: 'all',
    sampling: {
      // Mouse positions reach the agent every 150 ms instead of rrweb's 500 ms.
      mousemoveCallback: 150,
    },
    recordCanvas: false,
    inlineImages: false,
    collectFonts: false,
  });

  return {
    takeFullSnapshot: () => record.takeFullSnapshot(true),
    stop: () => {
      running = false;
      stopRecord?.();
      frames?.stop();
    },
    node: (id) => (running ? record.mirror.getNode(id) : null),
    framed: (id) => (running && frames && remoteIds ? findFramedNode(id, frames.frames(), remoteIds) : null),
    watchFramed: (slot, node, reveal, moved) => (running && frames ? frames.watch(slot, node.frame, node.remoteId, reveal, moved) : false),
    unwatchFramed: (slot) => frames?.unwatch(slot),
    masker,
    mark: (tag, payload) => {
      if (!running) return;
      try {
        record.addCustomEvent(tag, payload);
      } catch (error) {
        console.warn('[tsunagi] could not add a marker', error);
      }
    },
  };
}

function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
