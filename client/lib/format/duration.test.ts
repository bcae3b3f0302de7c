import { describe, expect, it } from 'vitest';
import { formatClock, formatDurationWords, formatLag } from './duration.ts';

describe('duration formatting', () => {
  it('formats a clock face', () => {
    expect(formatClock(42_000)).toBe('0:42');
    expect(formatClock(725_900)).toBe('12:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-500)).toBe('0:00');
  });

  it('formats words in both languages', () => {
    expect(formatDurationWords(192_000, 'ja')).toBe('3分12秒');
    expect(formatDurationWords(192_000, 'en')).toBe('3 min 12 s');
    expect(formatDurationWords(5_000, 'ja')).toBe('5秒');
    expect(formatDurationWords(3_600_000, 'en')).toBe('1 h 0 min 0 s');
  });

  it('formats lag with one decimal under ten seconds', () => {
    expect(formatLag(420, 'ja')).toBe('0.4秒');
    expect(formatLag(12_345, 'en')).toBe('12 s');
    expect(formatLag(-20, 'en')).toBe('0.0 s');
    expect(formatLag(90_000, 'ja')).toBe('1分30秒');
  });
});
