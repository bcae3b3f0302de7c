export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * A run of printable ASCII after http:// or https://. Japanese text often
 * follows a URL with no space ("https://example.jp/をご覧ください"), so the
 * URL ends at the first non-ASCII character.
 */
const URL_RUN = /https?:\/\/[!-~]+/gi;
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?'")\]}>]+$/;

/**
 * Splits chat text into plain text and links. Only http(s) URLs become
 * links (no javascript:, data:, mailto:); the result is rendered as React
 * text nodes and <a> elements, never as HTML.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RUN)) {
    const start = match.index;
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate);
    // Keep a closing bracket that belongs to the URL, e.g. a Wikipedia path "(…)".
    if (trailing && !(candidate.includes('(') && trailing[0] === ')')) candidate = candidate.slice(0, -trailing[0].length);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The URL, normalised, if it parses and its scheme is http or https. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}
