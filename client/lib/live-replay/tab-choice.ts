import type { CustomerTab } from '@tsunagi/shared';

/**
 * Which of the customer's tabs the live view shows. By default it follows
 * the customer (their active tab); the agent may pick another tab to look
 * at, and the view then stays there — whatever the customer turns to —
 * until the agent follows again or the picked tab closes.
 *
 * The choice names a tab, not a stream: a tab that loads another page keeps
 * being the one the agent picked, on its new page.
 */
export interface ViewedTab {
  /** The tab shown (null while the session has no tabs yet). */
  tab: CustomerTab | null;
  /** True when the view follows the customer's active tab, false when the agent picked `tab`. */
  following: boolean;
}

/** A picked tab that can still be shown: listed and not closed. */
function pickable(tabs: readonly CustomerTab[], tabId: string): CustomerTab | null {
  return tabs.find((tab) => tab.tabId === tabId && tab.state !== 'closed') ?? null;
}

/** The tab the view shows, given the agent's pick (null: following). A pick that closed falls back to following. */
export function viewedTab(tabs: readonly CustomerTab[], picked: string | null): ViewedTab {
  const chosen = picked === null ? null : pickable(tabs, picked);
  if (chosen) return { tab: chosen, following: false };
  return { tab: tabs.find((tab) => tab.active) ?? null, following: true };
}

/**
 * What the agent's click on a tab means: the customer's active tab (or a
 * closed or unknown one) is "follow the customer" (null); any other tab is
 * a pick of that tab.
 */
export function pickTab(tabs: readonly CustomerTab[], tabId: string): string | null {
  const tab = pickable(tabs, tabId);
  return tab && !tab.active ? tab.tabId : null;
}

/** The pick still holds after the tabs changed, or null (following) if that tab closed or went from the list. */
export function keptPick(tabs: readonly CustomerTab[], picked: string | null): string | null {
  return picked !== null && pickable(tabs, picked) ? picked : null;
}
