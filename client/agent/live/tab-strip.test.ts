import { describe, expect, it } from 'vitest';
import { tabAnnouncement, tabStatus, urlPath } from './tab-strip.ts';

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

  describe('announces why the view changed tab', () => {
    const tabs = [
      { tabId: 'a', state: 'open' as const },
      { tabId: 'b', state: 'open' as const },
      { tabId: 'c', state: 'closed' as const },
    ];

    it('the agent picked a tab, or went back to following the customer', () => {
      expect(tabAnnouncement({ activeTabId: 'b', picked: null }, { activeTabId: 'b', picked: 'a' }, tabs)).toEqual({ kind: 'picked', tabId: 'a' });
      expect(tabAnnouncement({ activeTabId: 'b', picked: 'a' }, { activeTabId: 'b', picked: null }, tabs)).toEqual({ kind: 'following' });
    });

    it('the picked tab closed: the view follows the customer again, whatever else changed with it', () => {
      expect(tabAnnouncement({ activeTabId: 'c', picked: 'c' }, { activeTabId: 'a', picked: null }, tabs)).toEqual({ kind: 'pick-closed' });
      expect(tabAnnouncement({ activeTabId: 'b', picked: 'gone' }, { activeTabId: 'b', picked: null }, tabs)).toEqual({ kind: 'pick-closed' });
    });

    it('the customer switched tabs: the view follows, or stays on the agent’s pick', () => {
      expect(tabAnnouncement({ activeTabId: 'a', picked: null }, { activeTabId: 'b', picked: null }, tabs)).toEqual({
        kind: 'customer-switched',
        tabId: 'b',
        following: true,
        toPick: false,
      });
      expect(tabAnnouncement({ activeTabId: 'a', picked: 'a' }, { activeTabId: 'b', picked: 'a' }, tabs)).toEqual({
        kind: 'customer-switched',
        tabId: 'b',
        following: false,
        toPick: false,
      });
      expect(tabAnnouncement({ activeTabId: 'b', picked: 'a' }, { activeTabId: 'a', picked: 'a' }, tabs)).toEqual({
        kind: 'customer-switched',
        tabId: 'a',
        following: false,
        toPick: true,
      });
    });

    it('says nothing for the first tab shown or when nothing changed', () => {
      expect(tabAnnouncement({ activeTabId: null, picked: null }, { activeTabId: 'a', picked: null }, tabs)).toBeNull();
      expect(tabAnnouncement({ activeTabId: 'a', picked: 'b' }, { activeTabId: 'a', picked: 'b' }, tabs)).toBeNull();
    });
  });
});
