import type { LiveSession } from '@tsunagi/shared';

export type CustomerState = 'connected' | 'reconnecting' | 'offline' | 'left';

/**
 * How long after the customer's socket went away we still say "reconnecting":
 * a page load or a short network drop brings it back within seconds; after
 * this long, something else is going on and the agent should know.
 */
export const RECONNECT_GRACE_MS = 60_000;

/** The customer's side of the session, as the live view's indicator shows it. */
export function customerState(
  session: Pick<LiveSession, 'status' | 'customerConnected' | 'customerDisconnectedAt'>,
  serverNow: number,
  graceMs = RECONNECT_GRACE_MS,
): CustomerState {
  if (session.status === 'ended') return 'left';
  if (session.customerConnected) return 'connected';
  // No time recorded (the server restarted since): the widget reconnects on
  // its own, so we assume it is on its way rather than gone.
  if (session.customerDisconnectedAt === null) return 'reconnecting';
  return serverNow - session.customerDisconnectedAt < graceMs ? 'reconnecting' : 'offline';
}
