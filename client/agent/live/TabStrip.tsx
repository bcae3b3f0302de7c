import { useState } from 'react';
import type { CustomerTab } from '@tsunagi/shared';
import { useI18n } from '../app/messages.ts';
import { tabStatus, urlPath } from './tab-strip.ts';

/**
 * The customer's tabs above the live view, like a browser's tab strip: each
 * tab's page title and path, which one the customer is looking at (marked
 * `aria-current`, and in words), and which have closed. Shown only when the
 * customer has more than one tab. The view itself follows the active tab;
 * `switching` says it has not caught up yet. A switch is announced politely.
 */
export function TabStrip({ tabs, switching }: { tabs: CustomerTab[]; switching: boolean }) {
  const { t } = useI18n();
  const untitled = t.queue.untitled;
  const active = tabs.find((tab) => tab.active) ?? null;
  const announcement = useSwitchAnnouncement(active, (title) => t.tabs.switched(title.trim() || untitled));
  if (tabs.length < 2) return null;
  return (
    <nav className="live-tabs" aria-label={t.tabs.label} data-testid="live-tabs">
      <ol className="live-tab-list">
        {tabs.map((tab) => {
          const status = tabStatus(tab);
          return (
            <li
              key={tab.tabId}
              className={`live-tab live-tab-${status}`}
              data-testid="live-tab"
              data-tab-id={tab.tabId}
              data-stream-id={tab.streamId}
              data-state={tab.state}
              data-active={tab.active}
              aria-current={tab.active ? 'true' : undefined}
              title={tab.url}
            >
              <span className="live-tab-title">{tab.title.trim() || untitled}</span>
              <span className="live-tab-path">{urlPath(tab.url)}</span>
              <span className="live-tab-status" data-testid="live-tab-status">
                {t.tabs.states[status]}
              </span>
            </li>
          );
        })}
      </ol>
      {switching ? (
        <span className="live-tabs-switching" data-testid="live-tabs-switching">
          {t.tabs.switching}
        </span>
      ) : null}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </nav>
  );
}

/** The sentence to announce when the active tab changes (never for the first one shown). */
function useSwitchAnnouncement(active: CustomerTab | null, say: (title: string) => string): string {
  const tabId = active?.tabId ?? null;
  const [seen, setSeen] = useState<string | null>(tabId);
  const [switchedTo, setSwitchedTo] = useState<string | null>(null);
  // Derived from the previous render's tab (React's pattern for it): no effect, no extra frame.
  if (tabId !== null && tabId !== seen) {
    setSeen(tabId);
    if (seen !== null) setSwitchedTo(active?.title ?? '');
  }
  return switchedTo === null ? '' : say(switchedTo);
}
