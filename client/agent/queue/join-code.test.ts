import { describe, expect, it } from 'vitest';
import { isCompleteJoinCode, normalizeJoinCode } from './join-code.ts';

describe('join code input', () => {
  it('accepts full-width digits, spaces and dashes', () => {
    expect(normalizeJoinCode('１２３ ４５６')).toBe('123456');
    expect(normalizeJoinCode('123-456')).toBe('123456');
    expect(normalizeJoinCode('12a3')).toBe('123');
    expect(normalizeJoinCode('12345678')).toBe('123456');
  });

  it('knows a complete code', () => {
    expect(isCompleteJoinCode('123456')).toBe(true);
    expect(isCompleteJoinCode('12345')).toBe(false);
  });
});
