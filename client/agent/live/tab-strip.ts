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
