/**
 * The customer's clock may be minutes off. rrweb stamps events with
 * `Date.now()`, and the agent's live replay compares timestamps with its own
 * clock, so a fast customer clock would delay the agent's view (rrweb #1073).
 * Every event is therefore shifted onto the server's clock before it leaves.
 *
 * The offset is estimated NTP-style from one request/response pair: the
 * server read its clock roughly halfway between our send and receive.
 */
export function clockOffset(sentAt: number, receivedAt: number, serverTime: number): number {
  return Math.round(serverTime - (sentAt + receivedAt) / 2);
}

/** Local clock → server clock. */
export function toServerTime(localTime: number, offset: number): number {
  return Math.max(0, Math.round(localTime + offset));
}

/** Server clock → local clock (for timers, e.g. when a join code expires). */
export function toLocalTime(serverTime: number, offset: number): number {
  return serverTime - offset;
}
