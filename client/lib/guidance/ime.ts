/** The parts of a keydown that decide whether Enter sends. */
export interface EnterKeyFacts {
  key: string;
  shiftKey: boolean;
  /** KeyboardEvent.isComposing (React: event.nativeEvent.isComposing). */
  isComposing: boolean;
  /** 229 while an input method handles the key (Safari reports isComposing late). */
  keyCode: number;
}

/**
 * Enter sends, Shift+Enter starts a new line, and the Enter that confirms
 * a Japanese input-method conversion never sends: while composing, Enter
 * belongs to the IME.
 */
export function isSendKey(event: EnterKeyFacts): boolean {
  if (event.key !== 'Enter' || event.shiftKey) return false;
  return !event.isComposing && event.keyCode !== 229;
}
