import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CreateUserBody, User } from '@tsunagi/shared';
import type { Database, UsersTable } from '../../storage/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { DomainError } from '../../realtime/domain-error.ts';

export function toUser(row: Selectable<UsersTable>): User {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, createdAt: row.created_at };
}

export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: CreateUserBody, now = Date.now()): Promise<User> {
    const existing = await this.findByUsername(input.username);
    if (existing) throw new DomainError('conflict', `username ${input.username} is taken`);
    const row = {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: await hashPassword(input.password),
      created_at: now,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  findByUsername(username: string): Promise<Selectable<UsersTable> | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('username').execute();
    return rows.map(toUser);
  }
}
