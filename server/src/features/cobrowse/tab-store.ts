import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { PageInfo, TabPresence } from '@tsunagi/shared';
import type { CustomerTabsTable, Database } from '../../storage/schema.ts';

export type TabRow = Selectable<CustomerTabsTable>;

/**
 * A report makes a tab the active one when the customer turned to it: it is
 * shown and has the focus, or it was hidden and is shown now (a tab switch
 * whose focus event was lost). A hidden tab loading a page never does.
 */
export function activates(wasVisible: boolean, presence: TabPresence): boolean {
  return presence.visible && (presence.focused || !wasVisible);
}

/** The customer's tabs (`customer_tabs`): every read and write in SQL. */
export class TabStore {
  constructor(private readonly db: Kysely<Database>) {}

  list(sessionId: string): Promise<TabRow[]> {
    return this.db
      .selectFrom('customer_tabs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('opened_at')
      .orderBy('tab_id')
      .execute();
  }

  private get(sessionId: string, tabId: string): Promise<TabRow | undefined> {
    return this.db
      .selectFrom('customer_tabs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('tab_id', '=', tabId)
      .executeTakeFirst();
  }

  /**
   * When a tab turned active at `now`: `now`, or just after the session's
   * latest activation if that is not earlier. The active tab is the one with
   * the latest activation, and two reports within one millisecond (a page
   * load in one tab, a switch to another) must not tie: the later one wins.
   * One statement, so two reports handled at once still get distinct times.
   */
  private activationTime(sessionId: string, now: number): RawBuilder<number> {
    return sql<number>`(SELECT CASE WHEN max(activated_at) >= ${now} THEN max(activated_at) + 1 ELSE cast(${now} AS bigint) END
      FROM customer_tabs WHERE session_id = ${sessionId})`;
  }

  /** A page of the tab said hello (a page load, or a reconnect): the tab shows `streamId` now. */
  async pageLoaded(sessionId: string, tabId: string, streamId: string, page: PageInfo, presence: TabPresence, now: number): Promise<void> {
    const existing = await this.get(sessionId, tabId);
    const activatedAt = activates(existing?.visible === 1, presence) ? this.activationTime(sessionId, now) : (existing?.activated_at ?? null);
    const fields = {
      stream_id: streamId,
      page_url: page.url,
      page_title: page.title,
      visible: presence.visible ? 1 : 0,
      activated_at: activatedAt,
      disconnected_at: null,
    };
    await this.db
      .insertInto('customer_tabs')
      .values({ session_id: sessionId, tab_id: tabId, opened_at: now, ...fields })
      .onConflict((oc) => oc.columns(['session_id', 'tab_id']).doUpdateSet(fields))
      .execute();
  }

  /** The tab was shown or hidden, or gained or lost the focus; true if anything changed. */
  async presence(sessionId: string, tabId: string, streamId: string, presence: TabPresence, now: number): Promise<boolean> {
    const existing = await this.get(sessionId, tabId);
    if (!existing || existing.stream_id !== streamId) return false;
    const activate = activates(existing.visible === 1, presence);
    if (!activate && existing.visible === (presence.visible ? 1 : 0)) return false;
    await this.db
      .updateTable('customer_tabs')
      .set({ visible: presence.visible ? 1 : 0, ...(activate ? { activated_at: this.activationTime(sessionId, now) } : {}) })
      .where('session_id', '=', sessionId)
      .where('tab_id', '=', tabId)
      .where('stream_id', '=', streamId)
      .execute();
    return true;
  }

  /** The page's title or URL changed without a page load (a single-page app). */
  async pageChanged(sessionId: string, tabId: string, streamId: string, page: PageInfo): Promise<void> {
    await this.db
      .updateTable('customer_tabs')
      .set({ page_url: page.url, page_title: page.title })
      .where('session_id', '=', sessionId)
      .where('tab_id', '=', tabId)
      .where('stream_id', '=', streamId)
      .execute();
  }

  /** The page showing `streamId` went away; a no-op if the tab has moved on to another page already. */
  async pageGone(sessionId: string, tabId: string, streamId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('customer_tabs')
      .set({ disconnected_at: now })
      .where('session_id', '=', sessionId)
      .where('tab_id', '=', tabId)
      .where('stream_id', '=', streamId)
      .where('disconnected_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
