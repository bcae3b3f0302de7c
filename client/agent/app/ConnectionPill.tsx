import type { SocketStatus } from '../../lib/socket/agent-socket.ts';
import { useI18n } from './messages.ts';

const tone: Record<SocketStatus, string> = {
  connected: 'pill-ok',
  connecting: 'pill-warn',
  reconnecting: 'pill-warn',
  unauthorized: 'pill-bad',
  outdated: 'pill-bad',
  closed: 'pill-bad',
};

/** The server connection as a pill; the header's copy is the one announced on change. */
export function ConnectionPill({ status, testId, announce = false }: { status: SocketStatus; testId: string; announce?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`pill ${tone[status]}`} data-testid={testId} data-state={status} role={announce ? 'status' : undefined}>
      <span className="visually-hidden">{t.connection.label}: </span>
      {t.connection[status]}
    </span>
  );
}
