import type { CustomerTab, TabState } from '@tsunagi/shared';
import type { TabRow } from './tab-store.ts';

/** Closed tabs listed beyond the open ones: the latest few, for orientation. */
const CLOSED_TABS_SHOWN = 3;

export interface TabContext {
  now: number;
  /** How long a tab may be away before it counts as closed (another tab carrying on). */
  goneAfterMs: number;
  /** The session has ended: every tab is closed. */
  ended: boolean;
  /**
   * Tabs with a live customer socket, read from the sockets. Without it the
   * stored times alone decide (cheap enough for every guidance message).
   */
  connected?: ReadonlySet<string>;
  /** When a tab without a socket and without a stored time went away (after a crash). */
  fallbackSince: number;
}

/**
 * The customer's tabs as the console shows them: each one's state, and which
 * is active — of the tabs not closed, the one the customer turned to last.
 * A page load keeps its tab active (it is only away for a moment); a tab
 * that went away for good hands over to the one turned to before it.
 */
export function describeTabs(rows: readonly TabRow[], context: TabContext): CustomerTab[] {
  const states = rows.map((row) => tabState(row, rows, context));
  let active = -1;
  rows.forEach((row, index) => {
    if (states[index] === 'closed') return;
    const best = rows[active];
    if (!best || rank(row) >= rank(best)) active = index;
  });
  const tabs = rows.map((row, index) => ({
    tabId: row.tab_id,
    streamId: row.stream_id,
    title: row.page_title,
    url: row.page_url,
    state: states[index]!,
    visible: row.visible === 1 && states[index] === 'open',
    active: index === active,
    openedAt: row.opened_at,
  }));
  const closed = tabs.filter((tab) => tab.state === 'closed');
  const dropped = new Set(closed.slice(0, Math.max(0, closed.length - CLOSED_TABS_SHOWN)));
  return tabs.filter((tab) => !dropped.has(tab));
}

function rank(row: TabRow): number {
  // activated_at decides; a tab never turned to ranks by when it opened, below any that was.
  return row.activated_at ?? row.opened_at - Number.MAX_SAFE_INTEGER / 2;
}

function isConnected(row: TabRow, context: TabContext): boolean {
  return context.connected ? context.connected.has(row.tab_id) : row.disconnected_at === null;
}

function tabState(row: TabRow, rows: readonly TabRow[], context: TabContext): TabState {
  if (context.ended) return 'closed';
  if (isConnected(row, context)) return 'open';
  const since = row.disconnected_at ?? context.fallbackSince;
  if (context.now - since < context.goneAfterMs) return 'away';
  // Gone for a while: closed if the customer carried on in another tab;
  // if no tab is there, the customer is offline (the console says so).
  return rows.some((other) => other !== row && isConnected(other, context)) ? 'closed' : 'away';
}
