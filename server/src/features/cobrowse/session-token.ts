import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The customer's proof of owning one co-browse session: `<sessionId>.<mac>`.
 * Signed with SESSION_SECRET, so every node can check it without the store,
 * and it names its session, so a socket holding it can reach no other.
 */
export class SessionTokens {
  constructor(private readonly secret: string) {}

  sign(sessionId: string): string {
    return `${sessionId}.${this.mac(sessionId)}`;
  }

  /** The session id the token was signed for, or undefined if it was not. */
  verify(token: string): string | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const sessionId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(sessionId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : undefined;
  }

  private mac(sessionId: string): string {
    return createHmac('sha256', this.secret).update(`cobrowse-session:${sessionId}`).digest('base64url');
  }
}
