import { describe, expect, it } from 'vitest';
import { tabStatus, urlPath } from './tab-strip.ts';

describe('the tab strip', () => {
  it('names each tab by what the agent needs to know first', () => {
    expect(tabStatus({ active: true, state: 'open' })).toBe('active');
    expect(tabStatus({ active: true, state: 'away' })).toBe('active');
    expect(tabStatus({ active: false, state: 'open' })).toBe('background');
    expect(tabStatus({ active: false, state: 'away' })).toBe('away');
    expect(tabStatus({ active: false, state: 'closed' })).toBe('closed');
  });

  it('shows the path of a page, or the text as it came when it is no URL', () => {
    expect(urlPath('https://insurer.example/payment/?step=2#card')).toBe('/payment/?step=2#card');
    expect(urlPath('https://insurer.example')).toBe('/');
    expect(urlPath('not a url')).toBe('not a url');
  });
});
