import type { CustomerTab } from '@tsunagi/shared';

export type TabStatus = 'active' | 'background' | 'away' | 'closed';

/** What the strip says of a tab: the one the customer looks at, one behind it, one on its way back, or gone. */
export function tabStatus(tab: Pick<CustomerTab, 'active' | 'state'>): TabStatus {
  if (tab.state === 'closed') return 'closed';
  if (tab.active) return 'active';
  return tab.state === 'away' ? 'away' : 'background';
}

/** The part of a page's URL that tells pages of one site apart: path, query and fragment. */
export function urlPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return url;
  }
}

/** What the strip knows at one render: the customer's active tab and the agent's pick (null: following). */
export interface TabViewState {
  activeTabId: string | null;
  picked: string | null;
}

/**
 * What to announce when the view's tab changes, and why it changed:
 * - `picked`: the agent picked a tab to look at;
 * - `following`: the agent went back to following the customer;
 * - `pick-closed`: the picked tab closed, so the view follows the customer again;
 * - `customer-switched`: the customer turned to another tab (the view follows
 *   it, or stays on the agent's pick: `following`; `toPick`: the customer
 *   turned to the very tab the agent picked).
 * Nothing for the first tab shown.
 */
export type TabAnnouncement =
  | { kind: 'picked'; tabId: string }
  | { kind: 'following' }
  | { kind: 'pick-closed' }
  | { kind: 'customer-switched'; tabId: string; following: boolean; toPick: boolean }
  | null;

export function tabAnnouncement(
  before: TabViewState,
  after: TabViewState,
  tabs: readonly Pick<CustomerTab, 'tabId' | 'state'>[],
): TabAnnouncement {
  if (after.picked !== before.picked) {
    if (after.picked !== null) return { kind: 'picked', tabId: after.picked };
    const gone = !tabs.some((tab) => tab.tabId === before.picked && tab.state !== 'closed');
    return gone ? { kind: 'pick-closed' } : { kind: 'following' };
  }
  if (after.activeTabId !== before.activeTabId && before.activeTabId !== null && after.activeTabId !== null) {
    return { kind: 'customer-switched', tabId: after.activeTabId, following: after.picked === null, toPick: after.picked === after.activeTabId };
  }
  return null;
}
