/** The parts of a keydown event the send rule looks at. */
export interface SendKeyFacts {
  key: string;
  shiftKey: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  /** True while an input method (Japanese IME) is composing. */
  isComposing: boolean;
  /** 229 is what browsers report for keys the IME consumed (Safari sends it with isComposing false after compositionend). */
  keyCode: number;
}

/**
 * Enter sends, Shift+Enter starts a new line — and the Enter that confirms
 * a Japanese IME conversion never sends: the customer was only choosing
 * kanji. Alt/Ctrl/Meta+Enter are left to the browser as well.
 */
export function isSendKey(event: SendKeyFacts): boolean {
  if (event.key !== 'Enter') return false;
  if (event.isComposing || event.keyCode === 229) return false;
  return !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
}
