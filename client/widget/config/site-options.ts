import type { SiteSelectors } from '../recording/masking.ts';

/**
 * How a site configures the widget:
 *
 *   <script src="https://HOST/widget.js" async
 *           data-mask=".policy-no, #dob" data-block=".health-answers"></script>
 *   <script>window.TsunagiSettings = { mask: ['.account'], block: ['#chart'] }</script>
 *
 * The server's origin is the script's own origin, so one tag is all a site needs.
 *
 * Cross-origin frames (see frames/): a top page lists the origins of frames
 * whose recording it takes in (`data-frame-origins` / `frameOrigins`), and a
 * page shown in a frame lists the top pages it may send its recording to
 * (`data-parent-origins` / `parentOrigins`). Both sides must agree; an empty
 * list (the default) means no cross-origin frame is recorded.
 */
export interface TsunagiSettings {
  mask?: string[];
  block?: string[];
  frameOrigins?: string[];
  parentOrigins?: string[];
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
  /** Origins of cross-origin frames whose recording this (top) page merges into its own. */
  frameOrigins: string[];
  /** Origins of top pages this page, when shown in a frame, may send its recording to. */
  parentOrigins: string[];
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
    frameOrigins: parseOriginList(splitOriginList(script?.getAttribute('data-frame-origins'))),
    parentOrigins: parseOriginList(splitOriginList(script?.getAttribute('data-parent-origins'))),
  };
}

/** Splits a `data-frame-origins` / `data-parent-origins` value: origins separated by spaces or commas. */
export function splitOriginList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * Keeps the entries that name exactly one http(s) origin, normalised
 * (`https://Pay.Example.com:443/` → `https://pay.example.com`). Wildcards,
 * `null`, paths and other schemes are dropped: an allow-list must say whom it allows.
 */
export function parseOriginList(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const origins: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const origin = parseOrigin(value.trim());
    if (origin && !origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

function parseOrigin(value: string): string | null {
  if (!/^https?:\/\/[^/?#*]+\/?$/i.test(value)) return null;
  try {
    const url = new URL(value);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/** The frame origins in force now: the script tag's plus `window.TsunagiSettings.frameOrigins`. */
export function currentFrameOrigins(script: Pick<ScriptOptions, 'frameOrigins'>, settings: unknown): string[] {
  return parseOriginList([...script.frameOrigins, ...settingList(settings, 'frameOrigins')]);
}

/** The parent origins in force now: the script tag's plus `window.TsunagiSettings.parentOrigins`. */
export function currentParentOrigins(script: Pick<ScriptOptions, 'parentOrigins'>, settings: unknown): string[] {
  return parseOriginList([...script.parentOrigins, ...settingList(settings, 'parentOrigins')]);
}

function settingList(settings: unknown, key: 'frameOrigins' | 'parentOrigins'): unknown[] {
  const value = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value : [];
}

/**
 * The selectors in force now: the script tag's plus `window.TsunagiSettings`
 * (read at each start, since a site may set it after our async script ran).
 */
export function currentSelectors(script: Pick<ScriptOptions, 'mask' | 'block'>, settings: unknown): SiteSelectors {
  const s = (settings && typeof settings === 'object' ? settings : {}) as { mask?: unknown; block?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { mask: [...script.mask, ...list(s.mask)], block: [...script.block, ...list(s.block)] };
}
