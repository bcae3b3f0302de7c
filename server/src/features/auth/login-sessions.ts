import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User } from '@tsunagi/shared';
import type { Database } from '../../storage/schema.ts';
import { toUser, type UserStore } from '../users/user-store.ts';
import { verifyPassword } from './passwords.ts';

export const LOGIN_COOKIE = 'tsunagi_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Login sessions live in the store (a restart or another node keeps them);
 * only a hash of the cookie value is kept, so a database leak is no login.
 */
export class LoginSessions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: UserStore,
    private readonly ttlMs: number,
  ) {}

  /** Returns the cookie value for a good password, undefined otherwise. */
  async login(username: string, password: string, now = Date.now()): Promise<{ token: string; user: User } | undefined> {
    const row = await this.users.findByUsername(username);
    // Hash anyway when the user is unknown so timing does not reveal who exists.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) return undefined;
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('login_sessions')
      .values({ token_hash: hashToken(token), user_id: row.id, created_at: now, expires_at: now + this.ttlMs })
      .execute();
    return { token, user: toUser(row) };
  }

  async userFor(token: string | undefined, now = Date.now()): Promise<User | undefined> {
    if (!token) return undefined;
    const row = await this.db
      .selectFrom('login_sessions')
      .innerJoin('users', 'users.id', 'login_sessions.user_id')
      .selectAll('users')
      .where('login_sessions.token_hash', '=', hashToken(token))
      .where('login_sessions.expires_at', '>', now)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.db.deleteFrom('login_sessions').where('token_hash', '=', hashToken(token)).execute();
  }
}

// A real scrypt hash of a random string, used only to spend the same time.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$5c0k0aJmJ6I0bU3o1vR3yX8n8q9wz1m3Q0v3nq0xZ7Y';
