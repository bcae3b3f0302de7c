import { TabId, type TabPresence } from '@tsunagi/shared';
import { randomStreamId } from '../transport/random-id.ts';

/** This tab's id, in the tab's own sessionStorage: the same across the page loads of one tab. */
export const TAB_KEY = 'tsunagi.tab';

/** The id this tab's storage holds (another page load of this tab — or a copy of it, see unique-tab-id.ts). */
export function storedTabId(storage: Storage | null): string | null {
  try {
    const stored = storage?.getItem(TAB_KEY) ?? null;
    if (TabId.safeParse(stored).success) return stored;
  } catch {
    // storage unavailable: this page is a tab of its own
  }
  return null;
}

/** A new id for this tab, kept in its storage for the tab's next page loads. */
export function newTabId(storage: Storage | null): string {
  const id = randomStreamId();
  try {
    storage?.setItem(TAB_KEY, id);
  } catch {
    // storage unavailable
  }
  return id;
}

/** Whether the customer can see this tab and whether it has the focus, as the server wants to know. */
export function tabPresence(doc: Document): TabPresence {
  return { visible: doc.visibilityState !== 'hidden', focused: doc.hasFocus() };
}

export const samePresence = (a: TabPresence | null, b: TabPresence) => a !== null && a.visible === b.visible && a.focused === b.focused;
