/** What the console knows about the replayed element the agent clicked in control mode. */
export interface ElementFacts {
  /** Lower-case tag name. */
  tagName: string;
  /** Lower-case `type` attribute of an input ('' otherwise). */
  type: string;
  /** The `autocomplete` attribute, as written ('' if none). */
  autocomplete: string;
  /** Inside an element the site marked `data-tsunagi-mask`. */
  underMask: boolean;
  disabled: boolean;
  readOnly: boolean;
  /**
   * A placeholder for content the site blocks from the recording
   * (data-tsunagi-block or a site selector): the replay shows only an empty
   * box of the same size, and the widget refuses every action into it.
   */
  blocked?: boolean;
}

export type ControlTarget =
  /** A click is sent as it is. */
  | 'click'
  /** A text field: the console opens an editor over it and sends the whole value as it changes. */
  | 'text'
  | 'textarea'
  /** A drop-down: the console shows its options and sends the chosen value. */
  | 'select'
  /** A check box or radio button: sent as `check` with the new state. */
  | 'checkbox'
  | 'radio'
  /** A field the customer's page masks: the agent may not type into it. */
  | 'protected'
  /** Disabled or read-only: nothing to do. */
  | 'inert';

const TEXT_TYPES = new Set(['', 'text', 'search', 'email', 'tel', 'url', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);
/** Never typed into from afar, whatever the page says: secrets and hidden or local data. */
const SECRET_TYPES = new Set(['password', 'hidden', 'file']);
const SECRET_AUTOCOMPLETE = new Set(['current-password', 'new-password', 'one-time-code']);

/**
 * The console's half of "never into masked fields": the widget refuses them
 * in any case, but the agent should be told at once instead of typing into
 * the void. Mirrors the widget's rule (client/widget/recording/masking.ts)
 * for what the console can see in the replay.
 */
export function isProtectedField(facts: ElementFacts): boolean {
  if (!['input', 'textarea', 'select'].includes(facts.tagName)) return false;
  if (facts.underMask) return true;
  if (facts.tagName === 'input' && SECRET_TYPES.has(facts.type)) return true;
  return facts.autocomplete
    .toLowerCase()
    .split(/\s+/)
    .some((token) => token.startsWith('cc-') || SECRET_AUTOCOMPLETE.has(token));
}

/** What a control-mode click on this element does. */
export function controlTarget(facts: ElementFacts): ControlTarget {
  if (facts.blocked) return 'protected';
  const field = ['input', 'textarea', 'select'].includes(facts.tagName);
  if (!field) return 'click';
  if (isProtectedField(facts)) return 'protected';
  if (facts.disabled) return 'inert';
  if (facts.tagName === 'select') return 'select';
  if (facts.tagName === 'textarea') return facts.readOnly ? 'inert' : 'textarea';
  if (facts.type === 'checkbox') return 'checkbox';
  if (facts.type === 'radio') return 'radio';
  if (TEXT_TYPES.has(facts.type)) return facts.readOnly ? 'inert' : 'text';
  // Buttons, submit, reset, image, range, colour: an ordinary click.
  return 'click';
}
