import type { LiveSession } from '@tsunagi/shared';
import { useI18n } from '../app/messages.ts';
import './monitor.css';

/** Says, on a monitored live view, that this is watching only and whose call it is. */
export function MonitorBanner({ session }: { session: LiveSession | null }) {
  const { t } = useI18n();
  const owner = session?.owner?.displayName ?? t.monitor.noOwner;
  return (
    <div className="monitor-banner" data-testid="monitor-banner">
      <strong>
        <span className="monitor-banner-dot" aria-hidden="true" />
        {t.monitor.banner}
      </strong>
      <span className="monitor-banner-detail" data-testid="monitor-banner-owner">
        {t.monitor.bannerDetail(owner)}
      </span>
    </div>
  );
}
