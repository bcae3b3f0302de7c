import { describe, expect, it } from 'vitest';
import { describeTabs, type TabContext } from './customer-tabs.ts';
import { activates, type TabRow } from './tab-store.ts';

const row = (tabId: string, fields: Partial<TabRow> = {}): TabRow => ({
  session_id: 's',
  tab_id: tabId,
  stream_id: `stream-${tabId}`,
  page_url: `https://insurer.example/${tabId}/`,
  page_title: tabId,
  visible: 1,
  opened_at: 1000,
  activated_at: null,
  disconnected_at: null,
  ...fields,
});
const context = (fields: Partial<TabContext> = {}): TabContext => ({ now: 100_000, goneAfterMs: 8000, ended: false, fallbackSince: 0, ...fields });
const summary = (rows: TabRow[], ctx = context()) => describeTabs(rows, ctx).map((t) => `${t.tabId}:${t.state}${t.active ? ':active' : ''}`);

describe('activates', () => {
  it('when the customer turns to a tab: shown and focused, or shown after being hidden', () => {
    expect(activates(true, { visible: true, focused: true })).toBe(true);
    expect(activates(false, { visible: true, focused: false })).toBe(true);
    expect(activates(true, { visible: true, focused: false })).toBe(false);
    expect(activates(false, { visible: false, focused: true })).toBe(false);
  });
});

describe('describeTabs', () => {
  it('makes the tab turned to last active; one never turned to ranks below', () => {
    expect(summary([row('a', { activated_at: 5000 }), row('b', { activated_at: 4000 }), row('c', { opened_at: 9000 })])).toEqual([
      'a:open:active',
      'b:open',
      'c:open',
    ]);
    expect(summary([row('a'), row('b', { opened_at: 2000 })])).toEqual(['a:open', 'b:open:active']);
  });

  it('keeps an away tab active (a page load); a closed one hands over', () => {
    const rows = [row('a', { activated_at: 2000 }), row('b', { activated_at: 3000, disconnected_at: 99_000 })];
    expect(summary(rows)).toEqual(['a:open', 'b:away:active']);
    expect(summary(rows, context({ now: 200_000 }))).toEqual(['a:open:active', 'b:closed']);
  });

  it('closes nothing while no tab is connected, and everything once the session ended', () => {
    const rows = [row('a', { activated_at: 2000, disconnected_at: 1000 }), row('b', { activated_at: 3000, disconnected_at: 1000 })];
    expect(summary(rows)).toEqual(['a:away', 'b:away:active']);
    expect(summary(rows, context({ ended: true }))).toEqual(['a:closed', 'b:closed']);
  });

  it('takes connectedness from the sockets when given, and lists only the latest closed tabs', () => {
    // b's row says connected, but no socket is there (a crash): it went away when the session last heard of it.
    const sockets = context({ connected: new Set(['a']), fallbackSince: 50 });
    expect(summary([row('a'), row('b', { disconnected_at: null })], sockets)).toEqual(['a:open:active', 'b:closed']);
    const rows = [row('a'), ...['c', 'd', 'e', 'f'].map((id, i) => row(id, { opened_at: 2000 + i, disconnected_at: 10 }))];
    expect(summary(rows, sockets)).toEqual(['a:open:active', 'd:closed', 'e:closed', 'f:closed']);
  });
});
