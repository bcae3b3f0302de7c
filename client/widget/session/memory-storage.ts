/**
 * sessionStorage as a tab has it, in memory, for tests: one per tab, kept
 * across the tab's page loads; `from` copies another tab's (a duplicated tab
 * starts with a copy of its original's).
 */
export function memoryStorage(from?: Storage): Storage {
  const values = new Map<string, string>();
  for (let i = 0; from && i < from.length; i++) values.set(from.key(i)!, from.getItem(from.key(i)!)!);
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
