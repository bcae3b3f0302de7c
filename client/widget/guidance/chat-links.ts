/**
 * Turns a chat message into text and links. Only absolute http(s) URLs
 * become links; anything else (javascript:, data:, vbscript:, file:, a bare
 * "www.") stays plain text. The caller builds DOM nodes from the segments —
 * never HTML — so a message can carry no markup at all.
 */
export type ChatSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** A run that starts with http:// or https:// and goes on until whitespace or a character that cannot be in a URL as written in chat. */
const URL_RUN = /https?:\/\/[^\s<>"'`「」『』（）【】、。，！？]+/gi;
/** Punctuation that ends a sentence rather than the URL ("see https://x.jp/a." → the dot is not part of it). */
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function linkify(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const prev = segments[segments.length - 1];
    if (prev?.kind === 'text') prev.text += value;
    else segments.push({ kind: 'text', text: value });
  };
  for (const match of text.matchAll(URL_RUN)) {
    const start = match.index;
    let run = match[0];
    // Keep a closing bracket that has its opening one inside the URL (Wikipedia-style paths).
    const trailing = TRAILING.exec(run);
    if (trailing) {
      let cut = trailing[0];
      if (cut.startsWith(')') && run.includes('(')) cut = cut.slice(1);
      run = run.slice(0, run.length - cut.length);
    }
    const href = safeHttpUrl(run);
    // A URL only starts a word: "xhttps://…" or "javascript:https://…" is not linked.
    const before = start > 0 ? text[start - 1]! : '';
    if (!href || /[A-Za-z0-9:/.@_+-]/.test(before)) continue;
    pushText(text.slice(last, start));
    segments.push({ kind: 'link', text: run, href });
    last = start + run.length;
  }
  pushText(text.slice(last));
  return segments;
}

/** The normalised URL if `raw` is an absolute http(s) URL with a host, else null. */
export function safeHttpUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  // No credentials in links: "https://bank.example@evil.example/" misleads.
  if (url.username || url.password) return null;
  return url.href;
}
