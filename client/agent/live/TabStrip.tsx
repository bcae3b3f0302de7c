import { useRef, useState } from 'react';
import type { CustomerTab } from '@tsunagi/shared';
import { useI18n, type Messages } from '../app/messages.ts';
import { tabAnnouncement, tabStatus, urlPath, type TabAnnouncement, type TabViewState } from './tab-strip.ts';

/**
 * The customer's tabs above the live view, like a browser's tab strip: each
 * tab's page title and path, which one the customer is looking at (marked
 * `aria-current`, and in words), which one the view shows (a pressed
 * button: the agent picks a tab by clicking it), and which have closed.
 * Shown only when the customer has more than one tab.
 *
 * The view follows the customer's active tab until the agent picks another;
 * then "Follow the customer" (or a click on the customer's tab) goes back.
 * `switching` says the view has not caught up with its tab yet. Every change
 * of tab — the customer's or the agent's — is announced politely.
 */
export function TabStrip({
  tabs,
  viewing,
  picked,
  switching,
  onPick,
}: {
  tabs: CustomerTab[];
  /** The tab the view shows (or is switching to). */
  viewing: string | null;
  /** The tab the agent picked (null: the view follows the customer). */
  picked: string | null;
  switching: boolean;
  onPick: (tabId: string | null) => void;
}) {
  const { t } = useI18n();
  const untitled = t.queue.untitled;
  const titleOf = (tabId: string) => tabs.find((tab) => tab.tabId === tabId)?.title.trim() || untitled;
  const activeTabId = tabs.find((tab) => tab.active)?.tabId ?? null;
  const announcement = useTabAnnouncement({ activeTabId, picked }, tabs);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  if (tabs.length < 2) return null;

  const follow = () => {
    onPick(null);
    // The follow button goes away with the pick: keep the keyboard on the strip, on the tab now shown.
    if (activeTabId !== null) buttons.current.get(activeTabId)?.focus();
  };

  return (
    <nav className={`live-tabs${picked === null ? '' : ' live-tabs-picked'}`} aria-label={t.tabs.label} data-testid="live-tabs" data-picked={picked ?? ''}>
      <ol className="live-tab-list">
        {tabs.map((tab) => {
          const status = tabStatus(tab);
          const shown = tab.tabId === viewing;
          return (
            <li
              key={tab.tabId}
              className={`live-tab live-tab-${status}${shown ? ' live-tab-viewing' : ''}`}
              data-testid="live-tab"
              data-tab-id={tab.tabId}
              data-stream-id={tab.streamId}
              data-state={tab.state}
              data-active={tab.active}
              data-viewing={shown}
              aria-current={tab.active ? 'true' : undefined}
            >
              <button
                type="button"
                className="live-tab-pick"
                data-testid="live-tab-pick"
                aria-pressed={shown}
                disabled={tab.state === 'closed'}
                title={shown ? tab.url : `${t.tabs.pickHint}\n${tab.url}`}
                ref={(element) => {
                  if (element) buttons.current.set(tab.tabId, element);
                  else buttons.current.delete(tab.tabId);
                }}
                onClick={() => onPick(tab.tabId)}
              >
                <span className="live-tab-title">{tab.title.trim() || untitled}</span>
                <span className="live-tab-path">{urlPath(tab.url)}</span>
                <span className="live-tab-status" data-testid="live-tab-status">
                  {t.tabs.states[status]}
                </span>
                {shown && picked !== null ? (
                  <span className="live-tab-viewing-badge" data-testid="live-tab-viewing">
                    {t.tabs.viewing}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
      {switching ? (
        <span className="live-tabs-switching" data-testid="live-tabs-switching">
          {picked === null ? t.tabs.switching : t.tabs.switchingToPick}
        </span>
      ) : null}
      {picked !== null ? (
        <button type="button" className="btn live-tabs-follow" data-testid="live-tabs-follow" title={t.tabs.followHint} onClick={follow}>
          <span aria-hidden="true">↩</span> {t.tabs.follow}
        </button>
      ) : null}
      <span className="visually-hidden" role="status" data-testid="live-tabs-announcement">
        {announcement ? sayAnnouncement(announcement, t, titleOf) : ''}
      </span>
    </nav>
  );
}

function sayAnnouncement(said: NonNullable<TabAnnouncement>, t: Messages, titleOf: (tabId: string) => string): string {
  switch (said.kind) {
    case 'picked':
      return t.tabs.picked(titleOf(said.tabId));
    case 'following':
      return t.tabs.following;
    case 'pick-closed':
      return t.tabs.pickClosed;
    case 'customer-switched':
      if (said.following) return t.tabs.switched(titleOf(said.tabId));
      return said.toPick ? t.tabs.joinedPick(titleOf(said.tabId)) : t.tabs.switchedWhilePicked(titleOf(said.tabId));
  }
}

/** The latest change of tab worth announcing (never the first tab shown), kept until the next one. */
function useTabAnnouncement(now: TabViewState, tabs: readonly CustomerTab[]): TabAnnouncement {
  const [seen, setSeen] = useState<TabViewState>(now);
  const [said, setSaid] = useState<TabAnnouncement>(null);
  // Derived from the previous render's state (React's pattern for it): no effect, no extra frame.
  if (now.activeTabId !== seen.activeTabId || now.picked !== seen.picked) {
    setSeen(now);
    const next = tabAnnouncement(seen, now, tabs);
    if (next) setSaid(next);
  }
  return said;
}
