import type { LiveSession } from '@tsunagi/shared';
import { formatLag } from '../../lib/format/duration.ts';
import type { NewestBatch } from '../../lib/live-replay/use-watched-session.ts';
import type { SocketStatus } from '../../lib/socket/agent-socket.ts';
import { ConnectionPill } from '../app/ConnectionPill.tsx';
import { useI18n } from '../app/messages.ts';
import { customerState, type CustomerState } from './customer-state.ts';

const customerTone: Record<CustomerState | 'unknown', string> = {
  connected: 'pill-ok',
  reconnecting: 'pill-warn',
  offline: 'pill-bad',
  left: 'pill-neutral',
  unknown: 'pill-neutral',
};

/** What the agent needs to trust the picture: our link, the customer's link, freshness. */
export function LiveIndicators({
  status,
  session,
  newest,
  now,
}: {
  status: SocketStatus;
  session: LiveSession | null;
  newest: NewestBatch | null;
  now: number;
}) {
  const { t, lang } = useI18n();
  // While our own link is down, what we last heard about the customer may be
  // stale; saying "connected" then would be a guess.
  const customer = session ? (status === 'connected' || session.status === 'ended' ? customerState(session, now) : 'unknown') : null;
  const lagMs = newest ? Math.max(0, now - newest.receivedAt) : null;
  return (
    <div className="live-indicators">
      <ConnectionPill status={status} testId="live-connection" />
      {customer ? (
        <span className={`pill ${customerTone[customer]}`} data-testid="live-customer" data-state={customer} role="status">
          {t.live.customer}: {t.live.customerStates[customer]}
        </span>
      ) : null}
      <span
        className="live-lag"
        data-testid="live-lag"
        data-lag-ms={lagMs ?? ''}
        title={newest ? t.live.relayDelay(formatLag(newest.arrivedAt - newest.receivedAt, lang)) : undefined}
      >
        <span className="muted">{t.live.lag}:</span>{' '}
        <span className="live-lag-value">{lagMs === null ? t.live.noData : t.live.lagValue(formatLag(lagMs, lang))}</span>
      </span>
    </div>
  );
}
