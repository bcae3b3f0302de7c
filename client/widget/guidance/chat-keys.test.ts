import { describe, expect, it } from 'vitest';
import { isSendKey, type SendKeyFacts } from './chat-keys.ts';

const key = (over: Partial<SendKeyFacts>): SendKeyFacts => ({ key: 'Enter', shiftKey: false, isComposing: false, keyCode: 13, ...over });

describe('isSendKey', () => {
  it('sends on a plain Enter', () => {
    expect(isSendKey(key({}))).toBe(true);
  });

  it('starts a new line on Shift+Enter and leaves modified Enters alone', () => {
    expect(isSendKey(key({ shiftKey: true }))).toBe(false);
    expect(isSendKey(key({ altKey: true }))).toBe(false);
    expect(isSendKey(key({ ctrlKey: true }))).toBe(false);
    expect(isSendKey(key({ metaKey: true }))).toBe(false);
  });

  it('never sends on the Enter that confirms a Japanese IME conversion', () => {
    expect(isSendKey(key({ isComposing: true, keyCode: 229 }))).toBe(false);
    expect(isSendKey(key({ isComposing: true }))).toBe(false);
    // Safari: compositionend first, then keydown with isComposing false but keyCode 229.
    expect(isSendKey(key({ keyCode: 229 }))).toBe(false);
  });

  it('ignores every other key', () => {
    expect(isSendKey(key({ key: 'a', keyCode: 65 }))).toBe(false);
    expect(isSendKey(key({ key: 'Process', keyCode: 229 }))).toBe(false);
  });
});
