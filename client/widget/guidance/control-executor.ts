import type { ControlAction } from '@tsunagi/shared';
import { WIDGET_HOST_TAG, WIDGET_UI_ATTR, closestComposed, type FieldMasker } from '../recording/masking.ts';
import { decide, isTextField, type ControlFieldFacts, type RefusalReason, type TargetFacts } from './control-policy.ts';
import { elementOf, inFrame, nodeBox, pointIn } from './geometry.ts';

export interface ExecutorEnv {
  win: Window;
  /** The page node the recorder knows by this id. */
  node(id: number): Node | null;
  /** The recorder's masking rule (selectors of the site, password memory). */
  masker: FieldMasker;
}

export type Outcome =
  | { ok: true; kind: ControlAction['kind']; nodeId: number; length?: number }
  | { ok: false; kind: ControlAction['kind']; nodeId: number; reason: RefusalReason };

type FieldElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const FIELD_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const WIDGET_SELECTOR = `${WIDGET_HOST_TAG},[${WIDGET_UI_ATTR}]`;
const FOCUSABLE = 'a[href], area[href], button, input, select, textarea, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';
const KEY_CODES: Record<string, number> = { Enter: 13, Tab: 9, Escape: 27, Backspace: 8, ArrowUp: 38, ArrowDown: 40 };

/**
 * Carries out one of the agent's actions on the customer's page — only if
 * `granted` (this browser's own consent) and `decide` allows it. Events are
 * dispatched the way a framework-controlled form notices them: values
 * through the prototype's native setter followed by bubbling `input` and
 * `change`, clicks as the pointer/mouse sequence at the computed point.
 */
export function execute(env: ExecutorEnv, granted: boolean, action: ControlAction): Outcome {
  const nodeId = action.kind === 'click' ? action.point.nodeId : action.nodeId;
  const node = granted ? env.node(nodeId) : null;
  const el = node ? elementOf(node) : null;
  const facts = gather(env, action, node, el);
  const verdict = decide(granted, action.kind, facts);
  if (!verdict.ok) return { ok: false, kind: action.kind, nodeId, reason: verdict.reason };
  const result = { ok: true as const, kind: action.kind, nodeId };
  switch (action.kind) {
    case 'click': {
      const box = nodeBox(node!);
      const at = box ? pointIn(box, action.point.x, action.point.y) : { x: 0, y: 0 };
      click(el!, at.x, at.y);
      return result;
    }
    case 'input': {
      const field = el as HTMLInputElement | HTMLTextAreaElement;
      const value = field.maxLength > 0 ? action.value.slice(0, field.maxLength) : action.value;
      field.focus();
      setValue(field, value);
      return { ...result, length: value.length };
    }
    case 'check': {
      const box = el as HTMLInputElement;
      // Through a click, so the page (React included) sees the change as the customer's own.
      if (box.checked !== action.checked) box.click();
      return result;
    }
    case 'select':
      (el as HTMLSelectElement).focus();
      setValue(el as HTMLSelectElement, action.value);
      return result;
    case 'scroll':
      if (facts.isDocument) (el!.ownerDocument.defaultView ?? env.win).scrollTo({ top: action.top, left: action.left, behavior: 'instant' });
      else el!.scrollTo({ top: action.top, left: action.left, behavior: 'instant' });
      return result;
    case 'key':
      pressKey(env, el!, action.key, facts.field);
      return result;
  }
}

/** Everything the policy needs to know about the target, read from the live page. */
function gather(env: ExecutorEnv, action: ControlAction, node: Node | null, el: Element | null): TargetFacts {
  const facts: TargetFacts = {
    found: !!node && !!el && node.isConnected,
    isDocument: false,
    inWidget: false,
    inFrame: false,
    blocked: false,
    masked: false,
    field: null,
    navigation: null,
    hasOption: false,
    pageOrigin: env.win.location.origin,
  };
  if (!node || !el || !facts.found) return facts;
  const doc = el.ownerDocument;
  facts.isDocument = node.nodeType === Node.DOCUMENT_NODE || el === doc.documentElement || el === doc.body;
  facts.inWidget = closestComposed(el, WIDGET_SELECTOR);
  facts.inFrame = el.ownerDocument !== env.win.document || inFrame(el);
  facts.blocked = closestComposed(el, env.masker.selectors.block);
  facts.masked = env.masker.isUnderMask(el);
  const field = fieldOf(el, action.kind);
  if (field) {
    facts.field = fieldFacts(env.masker, field);
    // A click on a label or an option reaches its field: the field's place decides too.
    if (field !== el) {
      facts.inWidget ||= closestComposed(field, WIDGET_SELECTOR);
      facts.blocked ||= closestComposed(field, env.masker.selectors.block);
    }
  }
  if (action.kind === 'select' && field?.tagName === 'SELECT') {
    facts.hasOption = Array.from((field as HTMLSelectElement).options).some((option) => option.value === action.value && !option.disabled);
  }
  if (action.kind === 'click') facts.navigation = clickNavigation(el);
  if (action.kind === 'key' && action.key === 'Enter') facts.navigation = enterNavigation(el);
  return facts;
}

/** The form field an action reaches: the element itself, a clicked label's control, a clicked option's select. */
function fieldOf(el: Element, kind: ControlAction['kind']): FieldElement | null {
  if (FIELD_TAGS.has(el.tagName)) return el as FieldElement;
  if (kind !== 'click') return null;
  const select = el.closest('select');
  if (select) return select;
  const label = el.closest('label');
  const control = label?.control;
  return control && FIELD_TAGS.has(control.tagName) ? (control as FieldElement) : null;
}

function fieldFacts(masker: FieldMasker, field: FieldElement): ControlFieldFacts {
  return {
    ...masker.facts(field),
    disabled: field.disabled || field.matches(':disabled'),
    readOnly: 'readOnly' in field && field.readOnly,
  };
}

/** Where clicking `el` would go: the link around it, or the form its submit button sends. */
function clickNavigation(el: Element): string | null {
  const link = el.closest('a[href], area[href]');
  if (link) return resolve(link, link.getAttribute('href') ?? '');
  const submitter = el.closest('button, input');
  if (submitter && isSubmitter(submitter)) return formTarget(submitter);
  return null;
}

/** Where Enter on `el` would go: a link, a submit button, or a text field's form (implicit submission). */
function enterNavigation(el: Element): string | null {
  const link = el.closest('a[href], area[href]');
  if (link) return resolve(link, link.getAttribute('href') ?? '');
  if (isSubmitter(el)) return formTarget(el);
  if (el.tagName === 'INPUT' && (el as HTMLInputElement).form) return resolve(el, (el as HTMLInputElement).form!.getAttribute('action') ?? '');
  return null;
}

function isSubmitter(el: Element): el is HTMLButtonElement | HTMLInputElement {
  if (el.tagName === 'BUTTON') return (el as HTMLButtonElement).type === 'submit' && !!(el as HTMLButtonElement).form;
  if (el.tagName === 'INPUT') {
    const input = el as HTMLInputElement;
    return (input.type === 'submit' || input.type === 'image') && !!input.form;
  }
  return false;
}

function formTarget(submitter: HTMLButtonElement | HTMLInputElement): string {
  const action = submitter.getAttribute('formaction') ?? submitter.form?.getAttribute('action') ?? '';
  return resolve(submitter, action);
}

/** An attribute URL made absolute against the element's document; an empty one means the document itself. */
function resolve(el: Element, raw: string): string {
  const base = el.ownerDocument.baseURI;
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return raw;
  }
}

// ── Dispatching ────────────────────────────────────────────────────────────

function viewOf(el: Element): Window & typeof globalThis {
  return el.ownerDocument.defaultView ?? window;
}

function click(el: Element, x: number, y: number): void {
  const view = viewOf(el);
  const base = { bubbles: true, cancelable: true, composed: true, view, clientX: x, clientY: y, screenX: x, screenY: y, button: 0 };
  try {
    const Pointer = view.PointerEvent ?? view.MouseEvent;
    const pointer = { ...base, pointerId: 1, pointerType: 'mouse', isPrimary: true };
    el.dispatchEvent(new Pointer('pointerdown', { ...pointer, buttons: 1 }));
    const down = el.dispatchEvent(new view.MouseEvent('mousedown', { ...base, buttons: 1 }));
    if (down) focusFrom(el);
    el.dispatchEvent(new Pointer('pointerup', { ...pointer, buttons: 0 }));
    el.dispatchEvent(new view.MouseEvent('mouseup', { ...base, buttons: 0 }));
    el.dispatchEvent(new view.MouseEvent('click', { ...base, buttons: 0, detail: 1 }));
  } catch {
    // Very old browsers without event constructors.
    (el as HTMLElement).click?.();
  }
}

/** A real mouse press focuses the nearest focusable ancestor. */
function focusFrom(el: Element): void {
  const target = el.closest(FOCUSABLE);
  if (target && typeof (target as HTMLElement).focus === 'function') (target as HTMLElement).focus({ preventScroll: true });
}

/** Sets a value the way typing does, so React's and Vue's value trackers notice it. */
function setValue(field: FieldElement, value: string): void {
  const view = viewOf(field);
  const proto =
    field.tagName === 'TEXTAREA' ? view.HTMLTextAreaElement.prototype : field.tagName === 'SELECT' ? view.HTMLSelectElement.prototype : view.HTMLInputElement.prototype;
  // The prototype's setter, bypassing React's value tracker (an own `value` property on the element):
  // the tracker keeps the old value, so React's onChange sees a change when the `input` event comes.
  const descriptor: { set?: (this: FieldElement, value: string) => void } | undefined = Object.getOwnPropertyDescriptor(proto, 'value');
  const setter = descriptor?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new view.Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new view.Event('change', { bubbles: true }));
}

function pressKey(env: ExecutorEnv, el: Element, key: keyof typeof KEY_CODES, field: ControlFieldFacts | null): void {
  const view = viewOf(el);
  const init = { key, code: key, keyCode: KEY_CODES[key], which: KEY_CODES[key], bubbles: true, cancelable: true, composed: true, view };
  const proceed = el.dispatchEvent(new view.KeyboardEvent('keydown', init));
  if (proceed) defaultAction(env, el, key, field);
  el.dispatchEvent(new view.KeyboardEvent('keyup', init));
}

/** What the browser would have done for a real key press (synthetic events do nothing by themselves). */
function defaultAction(env: ExecutorEnv, el: Element, key: string, field: ControlFieldFacts | null): void {
  switch (key) {
    case 'Enter':
      if (el.tagName === 'TEXTAREA' && field && !field.readOnly && !field.disabled) {
        setValue(el as HTMLTextAreaElement, (el as HTMLTextAreaElement).value + '\n');
      } else if (el.closest('a[href], area[href]') || el.tagName === 'BUTTON' || (el.tagName === 'INPUT' && isButtonLike(el as HTMLInputElement))) {
        const link = el.closest<HTMLElement>('a[href], area[href]');
        (link ?? (el as HTMLElement)).click();
      } else if (el.tagName === 'INPUT' && (el as HTMLInputElement).form) {
        const form = (el as HTMLInputElement).form!;
        if (typeof form.requestSubmit === 'function') form.requestSubmit();
        else form.dispatchEvent(new (viewOf(el).Event)('submit', { bubbles: true, cancelable: true }));
      }
      return;
    case 'Backspace':
      if (field && isTextField(field) && !field.readOnly && !field.disabled) {
        const input = el as HTMLInputElement | HTMLTextAreaElement;
        setValue(input, input.value.slice(0, -1));
      }
      return;
    case 'ArrowUp':
    case 'ArrowDown':
      if (el.tagName === 'SELECT' && field && !field.disabled) {
        const select = el as HTMLSelectElement;
        const step = key === 'ArrowDown' ? 1 : -1;
        for (let i = select.selectedIndex + step; i >= 0 && i < select.options.length; i += step) {
          if (!select.options[i]!.disabled) {
            setValue(select, select.options[i]!.value);
            break;
          }
        }
      } else if (el === el.ownerDocument.documentElement || el === el.ownerDocument.body) {
        viewOf(el).scrollBy({ top: key === 'ArrowDown' ? 40 : -40, behavior: 'instant' });
      }
      return;
    case 'Tab':
      focusNext(env, el);
      return;
  }
}

function isButtonLike(input: HTMLInputElement): boolean {
  return ['submit', 'button', 'reset', 'image', 'checkbox', 'radio'].includes(input.type);
}

/** Moves focus to the next focusable element of the page after `el` (never into the widget). */
function focusNext(env: ExecutorEnv, el: Element): void {
  const doc = el.ownerDocument;
  const candidates = Array.from(doc.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (c) => c.tabIndex >= 0 && !c.matches(':disabled') && !closestComposed(c, WIDGET_SELECTOR) && !closestComposed(c, env.masker.selectors.block) && c.getClientRects().length > 0,
  );
  const next = candidates.find((c) => el.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING && !el.contains(c));
  next?.focus();
}
