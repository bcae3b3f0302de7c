import { z } from 'zod';
import { ServerTime } from './common.ts';
import { StreamId } from './recording.ts';

/**
 * A customer may share from several tabs of the site at once. A tab keeps
 * its id (in the tab's own sessionStorage) across page loads; every page
 * load in it is a new stream. The agent's live view shows the stream of the
 * active tab — the one the customer looked at last — and every guidance
 * message names the stream it is meant for (docs/protocol.md "Tabs").
 */
export const TabId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a tab id is 8–64 url-safe characters');
export type TabId = z.infer<typeof TabId>;

/**
 * What a tab says about itself: whether it is shown
 * (`document.visibilityState`) and has the focus (`document.hasFocus()`).
 * Sent with `hello` and again whenever either changes.
 */
export const TabPresence = z.object({ visible: z.boolean(), focused: z.boolean() });
export type TabPresence = z.infer<typeof TabPresence>;

/**
 * - `open`: the tab is connected;
 * - `away`: its page went away moments ago (a page load, a network drop) or
 *   the whole customer is offline;
 * - `closed`: gone while the customer carried on in another tab, or the
 *   session ended.
 */
export const TabState = z.enum(['open', 'away', 'closed']);
export type TabState = z.infer<typeof TabState>;

/** One tab of the customer as the console lists it. */
export const CustomerTab = z.object({
  tabId: TabId,
  /** The stream of the page the tab shows now. */
  streamId: StreamId,
  title: z.string(),
  url: z.string(),
  state: TabState,
  visible: z.boolean(),
  /** The tab the customer is looking at; the live view follows its stream. */
  active: z.boolean(),
  openedAt: ServerTime,
});
export type CustomerTab = z.infer<typeof CustomerTab>;
