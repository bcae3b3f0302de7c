import type { ControlAction } from '@tsunagi/shared';
import { isSensitiveField, type FieldFacts } from '../recording/masking.ts';

/**
 * What the agent may do on the customer's page, decided in the customer's
 * browser whatever the server relays: nothing without this browser's own
 * consent, nothing into the widget, nothing inside frames, nothing into protected content (the same
 * rule that masks it in the recording), no navigation to another origin and
 * no script URLs. Pure: `control-executor.ts` gathers the facts from the DOM.
 */
export type RefusalReason =
  /** This browser has not granted control (whatever the server says). */
  | 'not_granted'
  /** No such node on this page (an id from another page load, or removed). */
  | 'no_target'
  /** The widget's own UI: the agent must never press Stop or Allow for the customer. */
  | 'widget'
  /**
   * Inside a frame (even a same-origin one): the page's control rules are
   * not proven to hold there (Esc in the frame, event coordinates), so the
   * agent only points and highlights into frames.
   */
  | 'in_frame'
  /** Content the site blocks from the recording. */
  | 'blocked'
  /** A protected field or content: password, card, hidden, masked by the site. */
  | 'protected'
  /** Not a field this action applies to, or disabled / read-only. */
  | 'not_editable'
  /** A select without that option. */
  | 'no_option'
  /** A link or form that leads to another origin. */
  | 'cross_origin'
  /** javascript:, data:, mailto: and every other non-http(s) URL. */
  | 'unsafe_url'
  /** This tab is hidden: the customer could not see it happen. */
  | 'hidden_tab';

export type Verdict = { ok: true } | { ok: false; reason: RefusalReason };

/** A form field with the facts the masking rule needs plus its state. */
export interface ControlFieldFacts extends FieldFacts {
  disabled: boolean;
  readOnly: boolean;
}

export interface TargetFacts {
  /** The node exists on this page. */
  found: boolean;
  /** The node is the document (or <html>/<body>): only scrolling applies. */
  isDocument: boolean;
  /** Inside the widget's host or UI. */
  inWidget: boolean;
  /** In the document of a frame, not the page's own. */
  inFrame: boolean;
  /** Inside content matching the block selectors (the site's or data-tsunagi-block). */
  blocked: boolean;
  /** Inside content matching the mask selectors (the site's or data-tsunagi-mask). */
  masked: boolean;
  /** The field the action reaches: the element itself, or the control a clicked label activates. */
  field: ControlFieldFacts | null;
  /** Where the action would navigate (a link's href, a submit's form action), absolute; null if it stays. */
  navigation: string | null;
  /** For `select`: an option with the requested value exists. */
  hasOption: boolean;
  /** The page's own origin (http(s) only). */
  pageOrigin: string;
}

/** Input types whose value the agent may replace by typing. */
const TEXT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'date', 'time', 'datetime-local', 'month', 'week', 'color', 'range']);

export function decide(granted: boolean, kind: ControlAction['kind'], target: TargetFacts): Verdict {
  if (!granted) return refuse('not_granted');
  if (!target.found) return refuse('no_target');
  if (target.inWidget) return refuse('widget');
  if (target.inFrame) return refuse('in_frame');
  if (kind === 'scroll') return OK;
  if (target.blocked) return refuse('blocked');
  if (target.masked) return refuse('protected');
  const field = target.field;
  if (field && isSensitiveField(field)) return refuse('protected');
  switch (kind) {
    case 'input':
      return field && isTextField(field) && !field.disabled && !field.readOnly ? OK : refuse('not_editable');
    case 'check':
      return field && field.tagName === 'input' && (field.type === 'checkbox' || field.type === 'radio') && !field.disabled
        ? OK
        : refuse('not_editable');
    case 'select':
      if (!field || field.tagName !== 'select' || field.disabled) return refuse('not_editable');
      return target.hasOption ? OK : refuse('no_option');
    case 'click':
    case 'key': {
      if (target.isDocument && kind === 'click') return refuse('no_target');
      const nav = target.navigation === null ? null : navigationRefusal(target.navigation, target.pageOrigin);
      return nav ? refuse(nav) : OK;
    }
  }
}

/** Whether the agent may type into this field (text-like and not a secret). */
export function isTextField(field: FieldFacts): boolean {
  if (field.tagName === 'textarea') return true;
  return field.tagName === 'input' && TEXT_TYPES.has(field.type || 'text');
}

/**
 * Null if following `url` keeps the customer on this site; otherwise why not.
 * Only http(s) URLs of the page's own origin pass.
 */
export function navigationRefusal(url: string, pageOrigin: string): 'cross_origin' | 'unsafe_url' | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'unsafe_url';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'unsafe_url';
  return parsed.origin === pageOrigin ? null : 'cross_origin';
}

const OK: Verdict = { ok: true };
function refuse(reason: RefusalReason): Verdict {
  return { ok: false, reason };
}
