import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memory-storage.ts';
import { TAB_KEY, newTabId, samePresence, storedTabId } from './tab-presence.ts';

const tabStorage = (): Storage => memoryStorage();

describe('the tab id', () => {
  it('is kept in the tab\'s storage for its next page loads, and differs between tabs', () => {
    const first = tabStorage();
    expect(storedTabId(first)).toBeNull();
    const id = newTabId(first);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(storedTabId(first)).toBe(id);
    expect(newTabId(tabStorage())).not.toBe(id);
  });

  it('ignores a stored value that is no tab id, and works without storage', () => {
    const storage = tabStorage();
    storage.setItem(TAB_KEY, '<script>');
    expect(storedTabId(storage)).toBeNull();
    expect(storedTabId(null)).toBeNull();
    expect(newTabId(null)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe('presence', () => {
  it('is reported again only when it changed', () => {
    expect(samePresence(null, { visible: true, focused: true })).toBe(false);
    expect(samePresence({ visible: true, focused: true }, { visible: true, focused: true })).toBe(true);
    expect(samePresence({ visible: true, focused: true }, { visible: true, focused: false })).toBe(false);
  });
});
