import { maskText, maskValue, type FieldMasker } from './masking.ts';

/**
 * Second line of defence, run on every event rrweb emits before it is queued.
 *
 * rrweb masks through our `maskInputFn` and `maskTextSelector`, but some
 * paths bypass them: a full snapshot copies an input's `value` *attribute*
 * verbatim when the live value is empty, checkbox/radio values and checked
 * states are never masked, a textarea's default text travels as child text.
 * Here each serialized field is looked up in rrweb's mirror and checked with
 * the same `FieldMasker` rule, and anything sensitive is masked in place.
 * Masking is idempotent ('***' stays '***'), so double work is harmless.
 *
 * The structures are rrweb's serialized-node and incremental-data shapes;
 * only the fields read here are typed.
 */

// rrweb's numeric enums (kept local: importing @rrweb/types' enums would add code).
const EVENT_FULL_SNAPSHOT = 2;
const EVENT_INCREMENTAL = 3;
const SOURCE_MUTATION = 0;
const SOURCE_INPUT = 5;
const NODE_ELEMENT = 2;
const NODE_TEXT = 3;
const NODE_CDATA = 4;
const NODE_COMMENT = 5;

interface SerializedNode {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
  textContent?: string;
}

export interface NodeLookup {
  getNode(id: number): Node | null;
}

/** Tags whose text is code, not content (masking it would break the page's styles). */
const CODE_TAGS = new Set(['style', 'script']);

export function sanitizeEvent(event: { type: number; data: unknown }, mirror: NodeLookup, masker: FieldMasker): void {
  if (event.type === EVENT_FULL_SNAPSHOT) {
    const data = event.data as { node?: SerializedNode };
    if (data.node) walk(data.node, false, undefined, mirror, masker);
    return;
  }
  if (event.type !== EVENT_INCREMENTAL) return;
  const data = event.data as { source?: number };
  if (data.source === SOURCE_MUTATION) sanitizeMutation(data as MutationData, mirror, masker);
  else if (data.source === SOURCE_INPUT) sanitizeInput(data as InputData, mirror, masker);
}

interface MutationData {
  adds?: { parentId: number; node: SerializedNode }[];
  attributes?: { id: number; attributes: Record<string, unknown> }[];
  texts?: { id: number; value: string | null }[];
}

interface InputData {
  id: number;
  text: string;
  isChecked: boolean;
}

function sanitizeMutation(data: MutationData, mirror: NodeLookup, masker: FieldMasker): void {
  for (const add of data.adds ?? []) {
    const parent = mirror.getNode(add.parentId);
    const parentEl = parent ? elementOf(parent) : null;
    const inMask = parentEl ? masker.isUnderMask(parentEl) : false;
    const parentField = parentEl && isField(parentEl) && masker.isSensitive(parentEl) ? parentEl : undefined;
    walk(add.node, inMask, parentField ? parentField.tagName.toLowerCase() : parentEl?.tagName.toLowerCase(), mirror, masker, !!parentField);
  }
  for (const change of data.attributes ?? []) {
    const el = mirror.getNode(change.id);
    if (el && el.nodeType === Node.ELEMENT_NODE && isField(el as Element) && masker.isSensitive(el as Element)) {
      maskFieldAttributes(change.attributes);
    }
  }
  for (const text of data.texts ?? []) {
    const node = mirror.getNode(text.id);
    const parent = node?.parentElement;
    if (!parent || text.value === null || CODE_TAGS.has(parent.tagName.toLowerCase())) continue;
    if (masker.isUnderMask(parent) || (isField(parent) && masker.isSensitive(parent))) text.value = maskText(text.value);
  }
}

function sanitizeInput(data: InputData, mirror: NodeLookup, masker: FieldMasker): void {
  const el = mirror.getNode(data.id);
  if (!el || el.nodeType !== Node.ELEMENT_NODE || !isField(el as Element) || !masker.isSensitive(el as Element)) return;
  data.text = maskValue(data.text);
  // A protected checkbox or radio ("I have a pre-existing condition") must not show its state either.
  data.isChecked = false;
}

/**
 * Walks a serialized subtree. `inMask`: an ancestor is protected.
 * `sensitiveParent`: the parent is a sensitive field (a textarea's text is its value).
 */
function walk(
  node: SerializedNode,
  inMask: boolean,
  parentTag: string | undefined,
  mirror: NodeLookup,
  masker: FieldMasker,
  sensitiveParent = false,
): void {
  if (node.type === NODE_ELEMENT) {
    const el = mirror.getNode(node.id) as Element | null;
    const tag = (node.tagName ?? '').toLowerCase();
    let sensitive = false;
    if (el && isField(el)) {
      sensitive = masker.isSensitive(el);
      if (sensitive && node.attributes) maskFieldAttributes(node.attributes);
    }
    const childMask = inMask || (el ? matchesSafe(el, masker.selectors.mask) : false);
    for (const child of node.childNodes ?? []) walk(child, childMask, tag, mirror, masker, sensitive);
    if (tag === 'select' && !sensitive && !childMask) markSelectedOptions(node, mirror);
    return;
  }
  if ((node.type === NODE_TEXT || node.type === NODE_CDATA || node.type === NODE_COMMENT) && typeof node.textContent === 'string') {
    if (parentTag && CODE_TAGS.has(parentTag) && node.type === NODE_TEXT) return;
    if (inMask || sensitiveParent) node.textContent = maskText(node.textContent);
    return;
  }
  for (const child of node.childNodes ?? []) walk(child, inMask, parentTag, mirror, masker);
}

/**
 * rrweb drops every option's `selected` while selects are masked (and all
 * inputs go through masking here), so a viewer rebuilding the page from a
 * snapshot would see each ordinary drop-down at its default. Put back the
 * live selection of the selects that are not protected.
 */
function markSelectedOptions(node: SerializedNode, mirror: NodeLookup): void {
  for (const child of node.childNodes ?? []) {
    if (child.type !== NODE_ELEMENT) continue;
    if ((child.tagName ?? '').toLowerCase() === 'option') {
      const option = mirror.getNode(child.id) as HTMLOptionElement | null;
      if (option?.selected) (child.attributes ??= {}).selected = true;
    } else {
      markSelectedOptions(child, mirror);
    }
  }
}

function maskFieldAttributes(attributes: Record<string, unknown>): void {
  const value = attributes.value;
  if (typeof value === 'string') attributes.value = maskValue(value);
  if ('checked' in attributes) delete attributes.checked;
  if ('selected' in attributes) delete attributes.selected;
}

function isField(el: Element): boolean {
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function elementOf(node: Node): Element | null {
  if (node.nodeType === Node.ELEMENT_NODE) return node as Element;
  // A same-origin frame's document: what encloses it is the iframe element in the page.
  if (node.nodeType === Node.DOCUMENT_NODE) return frameElementOf(node as Document);
  return node.parentElement;
}

function frameElementOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}

function matchesSafe(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}
