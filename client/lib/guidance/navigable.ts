import { controlTarget, type ControlTarget, type ElementFacts } from './control-target.ts';
import type { Box } from './pointer-math.ts';
import type { ScrollExtent, ScrollPosition } from './scroll.ts';

/**
 * The keyboard navigator's model of the customer's page: which replayed
 * elements an agent steps through, in which order, under which name, and
 * what Enter does to each. Pure: `replay-navigation.ts` reads the replay
 * into `NavCandidate`s; everything decided from them is here.
 */

export type NavRole =
  | 'heading'
  | 'link'
  | 'button'
  | 'textbox'
  | 'combobox'
  | 'listbox'
  | 'checkbox'
  | 'radio'
  | 'switch'
  | 'slider'
  | 'tab'
  | 'menuitem'
  | 'option'
  | 'label'
  | 'blocked'
  | 'focusable';

/** What the DOM side reads from one replayed element. Texts are raw; naming cleans them. */
export interface NavCandidate {
  nodeId: number;
  facts: ElementFacts;
  /** The `role` attribute's first token, lower-case ('' if none). */
  role: string;
  /** Drawn at a size one can see: not display:none, hidden, transparent, aria-hidden, inert or a 1-px "visually hidden" field. */
  rendered: boolean;
  /** An `a` or `area` with an `href`. */
  href: boolean;
  /** The `tabindex` attribute as a number (null if absent or not a number). */
  tabIndex: number | null;
  contentEditable: boolean;
  /** `aria-level` (for role=heading). */
  ariaLevel: number | null;
  multiple: boolean;
  ariaLabel: string;
  /** The text of the elements `aria-labelledby` names. */
  labelledBy: string;
  /** The text of a field's `<label>`s. */
  labelText: string;
  /** The rendered text inside the element. */
  text: string;
  /** `alt` of the element (input type=image) or of its first image. */
  alt: string;
  title: string;
  placeholder: string;
  /** A field's value as the replay shows it (masked values are stars). */
  value: string;
  /** A drop-down's chosen option, as shown. */
  selectedText: string;
  checked: boolean;
  required: boolean;
  invalid: boolean;
  /** For a `<label>`: the node id of the field it names, if any. */
  labelFor: number | null;
  /** Its box in the replay's viewport (the customer's viewport). */
  box: Box;
  /** In a same-origin frame of the page: the frame's name ('' if it has none); null in the top document. */
  frame: string | null;
}

export interface NavItem {
  nodeId: number;
  role: NavRole;
  /** A heading's level, 1–6. */
  level: number | null;
  /** The accessible name, cleaned and shortened ('' if it has none). */
  name: string;
  /** A text field's value or a drop-down's choice; null where there is none to tell, or it is protected. */
  value: string | null;
  /** Check boxes, radio buttons and switches. */
  checked: boolean | null;
  disabled: boolean;
  required: boolean;
  invalid: boolean;
  /** What Enter / Space does in remote control ('protected': masked, blocked or secret — the widget refuses it). */
  control: ControlTarget;
  box: Box;
  /** The name of the frame it is in ('' if unnamed), null in the top document: said, since remote control stops there. */
  frame: string | null;
}

/** Where an element is against the customer's viewport. */
export type Placement = 'visible' | 'above' | 'below';

export type NavMove = 'next' | 'previous' | 'first' | 'last' | 'nextHeading' | 'previousHeading' | 'nextField' | 'previousField';

const NAME_MAX = 80;

/** Whitespace collapsed, trimmed, and cut at `max` characters with an ellipsis. */
export function cleanText(text: string, max = NAME_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : clean;
}

const ROLE_ATTRIBUTES: Record<string, NavRole> = {
  button: 'button',
  link: 'link',
  checkbox: 'checkbox',
  menuitemcheckbox: 'checkbox',
  radio: 'radio',
  menuitemradio: 'radio',
  switch: 'switch',
  tab: 'tab',
  menuitem: 'menuitem',
  option: 'option',
  textbox: 'textbox',
  searchbox: 'textbox',
  spinbutton: 'textbox',
  combobox: 'combobox',
  listbox: 'listbox',
  slider: 'slider',
  heading: 'heading',
};

const BUTTON_INPUTS = new Set(['submit', 'button', 'reset', 'image', 'file', 'color']);
const FIELD_ROLES = new Set<NavRole>(['textbox', 'combobox', 'listbox', 'checkbox', 'radio', 'switch', 'slider']);
const TOGGLE_ROLES = new Set<NavRole>(['checkbox', 'radio', 'switch']);
const HEADING = /^h([1-6])$/;

/** The role the navigator gives an element, or null if it is not a stop. */
export function navRole(c: NavCandidate): { role: NavRole; level: number | null } | null {
  const { tagName, type } = c.facts;
  if (c.facts.blocked) return { role: 'blocked', level: null };
  const heading = HEADING.exec(tagName);
  if (c.role === 'none' || c.role === 'presentation') {
    // Headings and labels can be stripped of their meaning; focusable controls cannot (ARIA's conflict rule).
    if (heading || tagName === 'label') return null;
  } else if (Object.hasOwn(ROLE_ATTRIBUTES, c.role)) {
    const role = ROLE_ATTRIBUTES[c.role]!;
    return { role, level: role === 'heading' ? clampLevel(c.ariaLevel ?? (heading ? Number(heading[1]) : 2)) : null };
  }
  if (heading) return { role: 'heading', level: Number(heading[1]) };
  switch (tagName) {
    case 'a':
    case 'area':
      if (c.href) return { role: 'link', level: null };
      break;
    case 'button':
    case 'summary':
      return { role: 'button', level: null };
    case 'input':
      if (type === 'hidden') return null;
      if (type === 'checkbox') return { role: 'checkbox', level: null };
      if (type === 'radio') return { role: 'radio', level: null };
      if (type === 'range') return { role: 'slider', level: null };
      if (BUTTON_INPUTS.has(type)) return { role: 'button', level: null };
      return { role: 'textbox', level: null };
    case 'textarea':
      return { role: 'textbox', level: null };
    case 'select':
      return { role: c.multiple ? 'listbox' : 'combobox', level: null };
    case 'label':
      return { role: 'label', level: null };
  }
  if (c.contentEditable) return { role: 'textbox', level: null };
  if (c.tabIndex !== null && c.tabIndex >= 0) return { role: 'focusable', level: null };
  return null;
}

function clampLevel(level: number): number {
  return Number.isFinite(level) ? Math.min(6, Math.max(1, Math.round(level))) : 2;
}

/**
 * A simplified accessible name (after the W3C's accname steps the replay
 * allows): aria-labelledby, aria-label, then a field's labels or a control's
 * own text, then title and placeholder.
 */
export function accessibleName(c: NavCandidate, role: NavRole): string {
  const { tagName, type } = c.facts;
  const pick = (...texts: string[]) => texts.map((text) => cleanText(text)).find((text) => text !== '') ?? '';
  if (role === 'blocked') return '';
  const own = pick(c.labelledBy, c.ariaLabel);
  if (own) return own;
  if (tagName === 'input' && BUTTON_INPUTS.has(type)) return pick(type === 'file' ? c.labelText : c.value, c.labelText, c.alt, c.title);
  if (['input', 'select', 'textarea'].includes(tagName)) return pick(c.labelText, c.title, c.placeholder);
  return pick(c.text, c.alt, c.title, c.placeholder);
}

function toItem(c: NavCandidate, role: NavRole, level: number | null): NavItem {
  const target = controlTarget(c.facts);
  const isProtected = target === 'protected';
  let value: string | null = null;
  if (!isProtected && role === 'textbox' && ['input', 'textarea'].includes(c.facts.tagName)) value = cleanText(c.value);
  if (!isProtected && (role === 'combobox' || role === 'listbox')) value = cleanText(c.selectedText);
  return {
    nodeId: c.nodeId,
    role,
    level,
    name: accessibleName(c, role),
    value,
    checked: TOGGLE_ROLES.has(role) ? c.checked : null,
    disabled: c.facts.disabled,
    required: c.required,
    invalid: c.invalid,
    control: target,
    box: c.box,
    frame: c.frame === null ? null : cleanText(c.frame),
  };
}

/**
 * The stops, in the customer's document order (the order their Tab key and
 * a screen reader follow). A label is a stop only where its field is not
 * one itself — a check box or radio button the page hides and draws as its
 * label — and then it speaks for that field: its role, its state, and
 * "protected" if the field is.
 */
export function navigableItems(candidates: readonly NavCandidate[]): NavItem[] {
  const byId = new Map(candidates.map((c) => [c.nodeId, c]));
  const stops = new Set<number>();
  const roles = new Map<number, { role: NavRole; level: number | null }>();
  for (const c of candidates) {
    const found = c.rendered ? navRole(c) : null;
    if (!found) continue;
    roles.set(c.nodeId, found);
    if (found.role !== 'label') stops.add(c.nodeId);
  }
  const items: NavItem[] = [];
  for (const c of candidates) {
    const found = roles.get(c.nodeId);
    if (!found) continue;
    if (found.role !== 'label') {
      items.push(toItem(c, found.role, found.level));
      continue;
    }
    if (c.labelFor !== null && stops.has(c.labelFor)) continue;
    const field = c.labelFor === null ? undefined : byId.get(c.labelFor);
    const fieldRole = field ? navRole({ ...field, rendered: true }) : null;
    const label = toItem(c, 'label', null);
    if (!field || !fieldRole) {
      items.push(label);
      continue;
    }
    const fieldTarget = controlTarget(field.facts);
    items.push({
      ...label,
      role: fieldRole.role,
      checked: TOGGLE_ROLES.has(fieldRole.role) ? field.checked : null,
      disabled: field.facts.disabled,
      required: field.required,
      invalid: field.invalid,
      // The click lands on the label, which the browser hands to its field: the field decides.
      control: fieldTarget === 'protected' || fieldTarget === 'inert' ? fieldTarget : 'click',
    });
  }
  return items;
}

const matches = (move: NavMove) => (item: NavItem) =>
  move === 'nextHeading' || move === 'previousHeading'
    ? item.role === 'heading'
    : move === 'nextField' || move === 'previousField'
      ? FIELD_ROLES.has(item.role)
      : true;

/**
 * The stop a key takes the navigator to, or null when there is none further
 * that way (the caller says so and stays). From no stop (the first key, or
 * the element went away), "next" starts at the first stop the customer can
 * see and "previous" at the last one: where they are looking.
 */
export function moveFocus(items: readonly NavItem[], current: number | null, move: NavMove, viewportHeight: number): number | null {
  if (items.length === 0) return null;
  if (move === 'first') return 0;
  if (move === 'last') return items.length - 1;
  const wanted = matches(move);
  const forward = move === 'next' || move === 'nextHeading' || move === 'nextField';
  const from = current === null ? -1 : items.findIndex((item) => item.nodeId === current);
  if (from >= 0) {
    if (forward) {
      for (let i = from + 1; i < items.length; i++) if (wanted(items[i]!)) return i;
    } else {
      for (let i = from - 1; i >= 0; i--) if (wanted(items[i]!)) return i;
    }
    return null;
  }
  const candidates = items.map((item, index) => ({ item, index })).filter(({ item }) => wanted(item));
  if (candidates.length === 0) return null;
  if (forward) return (candidates.find(({ item }) => item.box.top + item.box.height > 0) ?? candidates[candidates.length - 1]!).index;
  return ([...candidates].reverse().find(({ item }) => item.box.top < viewportHeight) ?? candidates[0]!).index;
}

/** Whether the customer can see the element: any part of it inside the viewport's height. */
export function placement(box: Box, viewport: { width: number; height: number }): Placement {
  if (box.top + box.height <= 0) return 'above';
  if (box.top >= viewport.height) return 'below';
  return 'visible';
}

const REVEAL_MARGIN = 16;

/**
 * Where to scroll the page so the whole element shows (centred, or its top
 * edge if it is taller than the viewport); null if it already shows whole.
 * Used before acting from the keyboard in remote control, so the agent sees
 * the field they type into.
 */
export function revealScroll(
  box: Box,
  viewport: { width: number; height: number },
  from: ScrollPosition,
  extent: ScrollExtent,
): ScrollPosition | null {
  const axis = (start: number, size: number, room: number, at: number, max: number): number => {
    if (start >= 0 && start + size <= room) return at;
    const offset = size + REVEAL_MARGIN * 2 > room ? start - REVEAL_MARGIN : start - (room - size) / 2;
    return Math.round(Math.min(Math.max(0, max), Math.max(0, at + offset)));
  };
  const top = axis(box.top, box.height, viewport.height, from.top, extent.maxTop);
  const left = axis(box.left, box.width, viewport.width, from.left, extent.maxLeft);
  return top === from.top && left === from.left ? null : { top, left };
}
