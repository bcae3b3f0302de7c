import type { SiteSelectors } from '../recording/masking.ts';

/**
 * How a site configures the widget:
 *
 *   <script src="https://HOST/widget.js" async
 *           data-mask=".policy-no, #dob" data-block=".health-answers"></script>
 *   <script>window.TsunagiSettings = { mask: ['.account'], block: ['#chart'] }</script>
 *
 * The server's origin is the script's own origin, so one tag is all a site needs.
 */
export interface TsunagiSettings {
  mask?: string[];
  block?: string[];
}

declare global {
  interface Window {
    TsunagiSettings?: TsunagiSettings;
  }
}

export interface ScriptOptions {
  /** Origin of the Tsunagi server (where widget.js came from). */
  origin: string;
  mask: string[];
  block: string[];
}

/**
 * Finds our own <script>. For a classic script — async or not —
 * `document.currentScript` is set while it runs, so this must be called at
 * the top level of the bundle, synchronously. The src match is the fallback
 * (e.g. when the bundle is evaluated by a tag manager).
 */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  const scripts = Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src]'));
  return scripts.reverse().find((s) => isWidgetSrc(s.src)) ?? null;
}

export function isWidgetSrc(src: string): boolean {
  try {
    return new URL(src, 'http://x/').pathname.endsWith('/widget.js');
  } catch {
    return false;
  }
}

/** Splits a `data-mask` / `data-block` value. A selector list is comma-separated CSS, kept whole per item. */
export function splitSelectorList(value: string | null | undefined): string[] {
  if (!value) return [];
  // Split on commas outside parentheses/brackets/quotes so `:is(a, b)` stays one selector.
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function readScriptOptions(script: HTMLScriptElement | null, pageOrigin: string): ScriptOptions {
  let origin = pageOrigin;
  if (script?.src) {
    try {
      origin = new URL(script.src, pageOrigin).origin;
    } catch {
      // keep the page origin
    }
  }
  return {
    origin,
    mask: splitSelectorList(script?.getAttribute('data-mask')),
    block: splitSelectorList(script?.getAttribute('data-block')),
  };
}

/**
 * The selectors in force now: the script tag's plus `window.TsunagiSettings`
 * (read at each start, since a site may set it after our async script ran).
 */
export function currentSelectors(script: ScriptOptions, settings: unknown): SiteSelectors {
  const s = (settings && typeof settings === 'object' ? settings : {}) as { mask?: unknown; block?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { mask: [...script.mask, ...list(s.mask)], block: [...script.block, ...list(s.block)] };
}
