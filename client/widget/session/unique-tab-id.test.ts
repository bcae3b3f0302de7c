import { afterEach, describe, expect, it } from 'vitest';
import { TAB_KEY } from './tab-presence.ts';
import { UniqueTabId } from './unique-tab-id.ts';
import { memoryStorage } from './memory-storage.ts';

/**
 * Pages of one origin talk over Node's own BroadcastChannel, as they would in
 * a browser; sessionStorage is a map per tab, copied when a tab is duplicated
 * and shared by the page loads of one tab.
 */
const tabStorage = memoryStorage;

const WINDOW_MS = 100;
const pages: UniqueTabId[] = [];

/** A page load of the widget in the tab whose storage this is. */
function pageLoad(storage: Storage | null, channels = true): UniqueTabId {
  const page = new UniqueTabId(storage, (name) => (channels ? new BroadcastChannel(name) : null), WINDOW_MS);
  pages.push(page);
  return page;
}

afterEach(() => {
  for (const page of pages.splice(0)) page.sleep();
});

describe('a tab id no other live page holds', () => {
  it('a first page load takes a new id at once', async () => {
    const storage = tabStorage();
    const page = pageLoad(storage);
    const start = Date.now();
    expect(await page.ready).toBe(storage.getItem(TAB_KEY));
    expect(Date.now() - start).toBeLessThan(WINDOW_MS);
  });

  it('a duplicated tab, its storage copied while the original page lives, takes a new id and keeps it', async () => {
    const original = tabStorage();
    const first = pageLoad(original);
    const id = await first.ready;
    const copy = tabStorage(original);
    const duplicate = pageLoad(copy);
    const duplicateId = await duplicate.ready;
    expect(duplicateId).not.toBe(id);
    expect(copy.getItem(TAB_KEY)).toBe(duplicateId);
    expect(original.getItem(TAB_KEY)).toBe(id);
    expect(first.value).toBe(id);
    // The duplicate's next page load keeps the duplicate's id: both pages answer for their own ids.
    duplicate.sleep();
    expect(await pageLoad(copy).ready).toBe(duplicateId);
  });

  it('a reload keeps the id: the old page is gone, or in the bfcache with its channel closed', async () => {
    const storage = tabStorage();
    const first = pageLoad(storage);
    const id = await first.ready;
    first.sleep(); // pagehide
    expect(await pageLoad(storage).ready).toBe(id);
  });

  it('a page of the same tab still unloading does not take the id from its successor', async () => {
    const storage = tabStorage();
    const id = await pageLoad(storage).ready; // never hidden: its channel is still open
    expect(await pageLoad(storage).ready).toBe(id);
  });

  it('two copies claiming the same id at once both give it up', async () => {
    const original = tabStorage();
    const id = await pageLoad(original).ready;
    pages.splice(0).forEach((page) => page.sleep()); // the original is gone: only the copies are left
    const [a, b] = [pageLoad(tabStorage(original)), pageLoad(tabStorage(original))];
    const [idA, idB] = await Promise.all([a.ready, b.ready]);
    expect(new Set([id, idA, idB]).size).toBe(3);
  });

  it('without BroadcastChannel the stored id is kept, as before', async () => {
    const storage = tabStorage();
    const id = await pageLoad(storage).ready;
    expect(await pageLoad(tabStorage(storage), false).ready).toBe(id);
  });
});
