import { formatBytes } from '../../lib/format/bytes.ts';
import type { DroppedNotice } from '../../lib/live-replay/dropped-events.ts';
import { useI18n } from '../app/messages.ts';

/**
 * Says, above the live view, that the customer's widget could not send part
 * of their page (an event over MAX_BATCH_BYTES): all of it when a full
 * snapshot was dropped — an alert, the view will not come — or a change.
 */
export function OversizeNotice({ notice }: { notice: DroppedNotice }) {
  const { t } = useI18n();
  const page = notice.kind === 'page';
  const size = formatBytes(notice.bytes);
  const limit = formatBytes(notice.limit);
  return (
    <div
      className={page ? 'live-oversize live-oversize-page' : 'live-oversize'}
      role={page ? 'alert' : 'status'}
      data-testid="live-oversize"
      data-kind={notice.kind}
    >
      <span className="live-oversize-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="live-oversize-body">
        <strong>{page ? t.live.oversize.pageTitle : t.live.oversize.changeTitle}</strong>
        <p data-testid="live-oversize-text">{page ? t.live.oversize.page(size, limit) : t.live.oversize.change(size, limit)}</p>
      </div>
    </div>
  );
}
