import { useConsoleConnection, useSocketStatus } from '../../lib/socket/console-connection.tsx';
import { useI18n } from './messages.ts';

/**
 * Shown under the header, whatever screen is open, once the server refused
 * this console's protocol version (a deploy happened while the tab was
 * open): nothing live works until the page is reloaded, so say so and offer
 * the reload. The socket has stopped retrying by then.
 */
export function OutdatedNotice() {
  const { t } = useI18n();
  const { socket } = useConsoleConnection();
  if (useSocketStatus(socket) !== 'outdated') return null;
  return (
    <div className="alert alert-error outdated-notice" role="alert" data-testid="outdated-notice">
      <p>{t.outdated.message}</p>
      <button type="button" className="btn btn-primary" data-testid="outdated-reload" onClick={() => location.reload()}>
        {t.outdated.reload}
      </button>
    </div>
  );
}
