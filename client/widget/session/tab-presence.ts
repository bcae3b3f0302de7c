import { TabId, type TabPresence } from '@tsunagi/shared';
import { randomStreamId } from '../transport/random-id.ts';

/** This tab's id, in the tab's own sessionStorage: the same across the page loads of one tab. */
export const TAB_KEY = 'tsunagi.tab';

/** The id of the tab this page is in; a new one for a new tab (or when storage is unavailable). */
export function tabIdOf(storage: Storage | null): string {
  try {
    const stored = storage?.getItem(TAB_KEY) ?? null;
    if (TabId.safeParse(stored).success) return stored!;
  } catch {
    // storage unavailable: this page is a tab of its own
  }
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
