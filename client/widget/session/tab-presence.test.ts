import { describe, expect, it } from 'vitest';
import { TAB_KEY, samePresence, tabIdOf } from './tab-presence.ts';

/** sessionStorage as a tab has it: one per tab, kept across the tab's page loads. */
function tabStorage(): Storage {
  const values = new Map<string, string>();
  return {
    get length() {
      return values.size;
    },
    clear: () => values.clear(),
    getItem: (key) => values.get(key) ?? null,
    key: (index) => [...values.keys()][index] ?? null,
    removeItem: (key) => void values.delete(key),
    setItem: (key, value) => void values.set(key, value),
  };
}

describe('the tab id', () => {
  it('stays the same across the page loads of one tab, and differs between tabs', () => {
    const first = tabStorage();
    const id = tabIdOf(first);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(tabIdOf(first)).toBe(id);
    expect(tabIdOf(tabStorage())).not.toBe(id);
  });

  it('replaces a stored value that is no tab id, and works without storage', () => {
    const storage = tabStorage();
    storage.setItem(TAB_KEY, '<script>');
    const id = tabIdOf(storage);
    expect(id).not.toBe('<script>');
    expect(storage.getItem(TAB_KEY)).toBe(id);
    expect(tabIdOf(null)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe('presence', () => {
  it('is reported again only when it changed', () => {
    expect(samePresence(null, { visible: true, focused: true })).toBe(false);
    expect(samePresence({ visible: true, focused: true }, { visible: true, focused: true })).toBe(true);
    expect(samePresence({ visible: true, focused: true }, { visible: true, focused: false })).toBe(false);
  });
});
