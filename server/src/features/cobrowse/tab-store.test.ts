import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageInfo } from '@tsunagi/shared';
import { migrate, openStorage, type Storage } from '../../storage/database.ts';
import { describeTabs } from './customer-tabs.ts';
import { SessionStore } from './session-store.ts';
import { TabStore } from './tab-store.ts';

const page: PageInfo = { url: 'https://insurer.example/fire/', title: '火災保険', lang: 'ja', viewport: { width: 1280, height: 800 } };
const shownAndFocused = { visible: true, focused: true };

describe('TabStore activation order', () => {
  let storage: Storage;
  let tabs: TabStore;
  let sessionId: string;

  beforeEach(async () => {
    storage = openStorage('sqlite::memory:');
    await migrate(storage);
    sessionId = (await new SessionStore(storage.db).create(page, 1_000, 600_000)).id;
    tabs = new TabStore(storage.db);
  });
  afterEach(() => storage.destroy());

  const activeTab = async (now: number) =>
    describeTabs(await tabs.list(sessionId), { now, goneAfterMs: 8000, ended: false, fallbackSince: now }).find((tab) => tab.active)?.tabId;

  it('makes the tab turned to last active, even within the same millisecond', async () => {
    await tabs.pageLoaded(sessionId, 'tab-a', 'stream-a', page, shownAndFocused, 5_000);
    await tabs.pageLoaded(sessionId, 'tab-b', 'stream-b', page, shownAndFocused, 5_000);
    expect(await activeTab(5_000)).toBe('tab-b');
    // Back to tab A, still in that millisecond.
    expect(await tabs.presence(sessionId, 'tab-a', 'stream-a', { visible: false, focused: false }, 5_000)).toBe(true);
    expect(await tabs.presence(sessionId, 'tab-a', 'stream-a', shownAndFocused, 5_000)).toBe(true);
    expect(await activeTab(5_000)).toBe('tab-a');
  });

  it('keeps the clock’s time when it is later than every activation', async () => {
    await tabs.pageLoaded(sessionId, 'tab-a', 'stream-a', page, shownAndFocused, 5_000);
    await tabs.pageLoaded(sessionId, 'tab-b', 'stream-b', page, shownAndFocused, 9_000);
    expect((await tabs.list(sessionId)).map((row) => [row.tab_id, row.activated_at])).toEqual([
      ['tab-a', 5_000],
      ['tab-b', 9_000],
    ]);
  });
});
