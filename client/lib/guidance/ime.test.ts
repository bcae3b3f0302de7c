import { describe, expect, it } from 'vitest';
import { isSendKey } from './ime.ts';

const enter = { key: 'Enter', shiftKey: false, isComposing: false, keyCode: 13 };

describe('Enter in the chat box', () => {
  it('sends on a plain Enter', () => {
    expect(isSendKey(enter)).toBe(true);
  });

  it('adds a line on Shift+Enter', () => {
    expect(isSendKey({ ...enter, shiftKey: true })).toBe(false);
  });

  it('never sends the Enter that confirms an IME conversion', () => {
    expect(isSendKey({ ...enter, isComposing: true })).toBe(false);
    // Safari: the confirming keydown reports keyCode 229 but isComposing false.
    expect(isSendKey({ ...enter, keyCode: 229 })).toBe(false);
  });

  it('ignores other keys', () => {
    expect(isSendKey({ ...enter, key: 'a', keyCode: 65 })).toBe(false);
  });
});
