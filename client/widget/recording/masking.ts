/**
 * What must never leave the customer's browser, decided here and nowhere else.
 *
 * rrweb's own switches leave gaps (see docs in COBROWSE-NOTES: hidden inputs,
 * maskInputFn only consulted for inputs rrweb already masks, text not masked
 * without maskTextSelector, show-password toggles, `value` attributes written
 * by frameworks). So every input value goes through `maskInputFn`, which asks
 * `isSensitiveField`; `sanitize.ts` then re-checks every emitted event against
 * the same rule as a second line of defence.
 */

/** The widget's own host element; its shadow root holds the UI. */
export const WIDGET_HOST_TAG = 'tsunagi-widget';
/** Marks the UI container inside the shadow root (rrweb's `closest` stops at shadow boundaries). */
export const WIDGET_UI_ATTR = 'data-tsunagi-ui';
/** Sites mark protected content: inputs inside are masked, text too. */
export const MASK_ATTR = 'data-tsunagi-mask';
/** Sites mark content never to record: replaced by a same-size placeholder. */
export const BLOCK_ATTR = 'data-tsunagi-block';

/** Everything `isSensitiveField` needs to know about a form field. */
export interface FieldFacts {
  /** Lower-case tag name. */
  tagName: string;
  /** Lower-case `type` of an input ('' for textarea/select). */
  type: string;
  /** The `autocomplete` attribute, as written. */
  autocomplete: string;
  /** Seen as a password field before (a show-password toggle made it type=text). */
  wasPassword: boolean;
  /** Inside an element the site marked as protected (data-tsunagi-mask or a site selector). */
  underMask: boolean;
}

const FIELD_TAGS = new Set(['input', 'textarea', 'select']);
/** Input types whose value is never shown: secrets, data the page hides, local file names. */
const SECRET_TYPES = new Set(['password', 'hidden', 'file']);
/** autocomplete tokens of credentials (the cc-* payment tokens are matched by prefix). */
const SECRET_AUTOCOMPLETE = new Set(['current-password', 'new-password', 'one-time-code']);

/**
 * The rule: a field's value is sensitive if it is a password (now or ever),
 * hidden, a file, a payment-card field (autocomplete cc-*), a credential
 * (autocomplete current-password/new-password/one-time-code), or anywhere
 * inside content the site marked as protected.
 */
export function isSensitiveField(field: FieldFacts): boolean {
  if (!FIELD_TAGS.has(field.tagName)) return false;
  if (field.underMask || field.wasPassword) return true;
  if (field.tagName === 'input' && SECRET_TYPES.has(field.type)) return true;
  // autocomplete is a token list ("section-pay billing cc-number").
  for (const token of field.autocomplete.toLowerCase().split(/\s+/)) {
    if (token.startsWith('cc-') || SECRET_AUTOCOMPLETE.has(token)) return true;
  }
  return false;
}

/** rrweb's way of masking text: keeps whitespace so the layout is unchanged. */
export function maskText(text: string): string {
  return text.replace(/\S/g, '*');
}

/** A masked field value: as many stars as characters, nothing else. */
export function maskValue(text: string): string {
  return '*'.repeat(text.length);
}

export interface SiteSelectors {
  mask: readonly string[];
  block: readonly string[];
}

export interface MaskingSelectors {
  /** Fields and text inside these are masked. */
  mask: string;
  /** These are replaced by placeholders (includes the widget itself). */
  block: string;
  /** Site selectors that are not valid CSS (ignored, reported once). */
  rejected: string[];
}

/**
 * Combines the built-in hooks with the site's selectors. An invalid selector
 * would make rrweb's `matches()` throw on every node, so each one is checked
 * with `isValid` and dropped (and reported) if it fails.
 */
export function buildSelectors(site: SiteSelectors, isValid: (selector: string) => boolean): MaskingSelectors {
  const rejected: string[] = [];
  const keep = (list: readonly string[]) =>
    list
      .map((s) => s.trim())
      .filter((s) => {
        if (!s) return false;
        if (isValid(s)) return true;
        rejected.push(s);
        return false;
      });
  return {
    mask: [`[${MASK_ATTR}]`, ...keep(site.mask)].join(','),
    block: [WIDGET_HOST_TAG, `[${WIDGET_UI_ATTR}]`, `[${BLOCK_ATTR}]`, ...keep(site.block)].join(','),
    rejected,
  };
}

/** `closest` that also climbs out of shadow roots and same-origin iframes. */
export function closestComposed(el: Element, selector: string): boolean {
  let current: Element | null = el;
  while (current) {
    if (current.closest(selector)) return true;
    const root = current.getRootNode() as Node & { host?: Element; defaultView?: Window | null };
    if (root.host) {
      current = root.host;
    } else {
      try {
        current = root.defaultView?.frameElement ?? null;
      } catch {
        current = null; // cross-origin parent
      }
    }
  }
  return false;
}

/**
 * Remembers every field ever seen as a password on this page, so that a
 * show-password toggle (type → text) never reveals the value. Started when
 * the widget loads — before any sharing — so a toggle the customer used
 * before asking for help is remembered too. Same-origin frames (recorded
 * with the page) are watched as well, from the moment they load.
 */
export class PasswordMemory {
  private readonly seen = new WeakSet<Element>();
  private watched = new WeakSet<Document>();
  private readonly frameListeners: (() => void)[] = [];
  private observer: MutationObserver | undefined;

  watch(doc: Document): this {
    this.observer ??= new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if ((record.oldValue ?? '').toLowerCase() === 'password' || isPasswordInput(target)) this.seen.add(target);
      }
    });
    this.watchDocument(doc);
    return this;
  }

  private watchDocument(doc: Document): void {
    if (this.watched.has(doc) || !this.observer) return;
    this.watched.add(doc);
    for (const el of Array.from(doc.querySelectorAll('input[type="password" i]'))) this.seen.add(el);
    // Only `type` changes: negligible cost on any page.
    this.observer.observe(doc, { subtree: true, attributes: true, attributeFilter: ['type'], attributeOldValue: true });
    // `load` does not bubble, but a capturing listener sees each frame's.
    const onLoad = (event: Event) => {
      const target = event.target as Element | null;
      if (target?.tagName === 'IFRAME') this.watchFrame(target as HTMLIFrameElement);
    };
    doc.addEventListener('load', onLoad, true);
    this.frameListeners.push(() => doc.removeEventListener('load', onLoad, true));
    for (const frame of Array.from(doc.querySelectorAll('iframe'))) this.watchFrame(frame);
  }

  private watchFrame(frame: HTMLIFrameElement): void {
    let doc: Document | null = null;
    try {
      doc = frame.contentDocument; // null for a cross-origin frame
    } catch {
      doc = null;
    }
    if (doc) this.watchDocument(doc);
  }

  remember(el: Element): void {
    this.seen.add(el);
  }

  has(el: Element): boolean {
    return this.seen.has(el) || el.hasAttribute('data-rr-is-password');
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.watched = new WeakSet();
    for (const remove of this.frameListeners.splice(0)) remove();
  }
}

/** The DOM side of the rule, shared by rrweb's `maskInputFn` and the sanitizer. */
export class FieldMasker {
  constructor(
    readonly selectors: MaskingSelectors,
    private readonly passwords: PasswordMemory,
  ) {}

  facts(el: Element): FieldFacts {
    const tagName = el.tagName.toLowerCase();
    const type = tagName === 'input' ? ((el as HTMLInputElement).type || el.getAttribute('type') || 'text').toLowerCase() : '';
    if (type === 'password') this.passwords.remember(el);
    return {
      tagName,
      type,
      autocomplete: el.getAttribute('autocomplete') ?? '',
      wasPassword: this.passwords.has(el),
      underMask: this.isUnderMask(el),
    };
  }

  isSensitive(el: Element): boolean {
    return isSensitiveField(this.facts(el));
  }

  /** Text inside this element must be masked. */
  isUnderMask(el: Element): boolean {
    return closestComposed(el, this.selectors.mask);
  }

  /** For rrweb's `maskInputFn`: clear text for ordinary fields, stars for sensitive ones. */
  readonly maskInput = (text: string, el: HTMLElement): string => (this.isSensitive(el) ? maskValue(text) : text);
}

function isPasswordInput(el: Element): boolean {
  return el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'password';
}
