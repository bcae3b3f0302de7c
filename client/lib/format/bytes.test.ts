import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes.ts';

describe('formatBytes', () => {
  it('shows megabytes with at most one decimal', () => {
    expect(formatBytes(8 * 1024 * 1024)).toBe('8 MB');
    expect(formatBytes(2.54 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatBytes(345.6 * 1024 * 1024)).toBe('346 MB');
  });

  it('falls back to kilobytes and bytes for small sizes', () => {
    expect(formatBytes(65_536)).toBe('64 KB');
    expect(formatBytes(1_536)).toBe('1.5 KB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
