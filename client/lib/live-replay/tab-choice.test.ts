import { describe, expect, it } from 'vitest';
import type { CustomerTab } from '@tsunagi/shared';
import { keptPick, pickTab, viewedTab } from './tab-choice.ts';

function tab(tabId: string, extra: Partial<CustomerTab> = {}): CustomerTab {
  return {
    tabId,
    streamId: `stream-${tabId}`,
    title: tabId,
    url: `https://insurer.example/${tabId}/`,
    state: 'open',
    visible: true,
    active: false,
    openedAt: 0,
    ...extra,
  };
}

const a = tab('a');
const b = tab('b', { active: true });
const closed = tab('c', { state: 'closed' });
const away = tab('d', { state: 'away' });

describe('the tab the live view shows', () => {
  it('follows the customer’s active tab until the agent picks one', () => {
    expect(viewedTab([a, b], null)).toEqual({ tab: b, following: true });
    expect(viewedTab([], null)).toEqual({ tab: null, following: true });
  });

  it('stays on the picked tab whichever tab the customer turns to', () => {
    expect(viewedTab([a, b], 'a')).toEqual({ tab: a, following: false });
    const turnedToA = [{ ...a, active: true }, { ...b, active: false }];
    expect(viewedTab(turnedToA, 'a')).toEqual({ tab: turnedToA[0], following: false });
    // A tab whose page is loading is still the one the agent picked, on its next page.
    const reloaded = { ...away, streamId: 'stream-d-2' };
    expect(viewedTab([a, b, reloaded], 'd')).toEqual({ tab: reloaded, following: false });
  });

  it('falls back to following when the picked tab closes or is no longer listed', () => {
    expect(viewedTab([a, b, closed], 'c')).toEqual({ tab: b, following: true });
    expect(viewedTab([a, b], 'gone')).toEqual({ tab: b, following: true });
    expect(keptPick([a, b, closed], 'c')).toBeNull();
    expect(keptPick([a, b], 'gone')).toBeNull();
    expect(keptPick([a, b], 'a')).toBe('a');
    expect(keptPick([a, b], null)).toBeNull();
  });
});

describe('a click on a tab', () => {
  it('picks a tab the customer is not on', () => {
    expect(pickTab([a, b], 'a')).toBe('a');
    expect(pickTab([a, b, away], 'd')).toBe('d');
  });

  it('on the customer’s active tab means "follow the customer"', () => {
    expect(pickTab([a, b], 'b')).toBeNull();
  });

  it('on a closed or unknown tab picks nothing: the view follows', () => {
    expect(pickTab([a, b, closed], 'c')).toBeNull();
    expect(pickTab([a, b], 'gone')).toBeNull();
  });
});
