import type { Role } from '@tsunagi/shared';
import { verifyPassword } from '../auth/passwords.ts';
import type { UserStore } from './user-store.ts';

/** Well-known accounts for trying the product. Their passwords are public, hence DEMO_MODE only. */
export const demoAccounts: { username: string; displayName: string; role: Role; password: string }[] = [
  { username: 'agent1', displayName: '佐藤 花子', role: 'agent', password: 'tsunagi-agent1' },
  { username: 'agent2', displayName: '鈴木 一郎', role: 'agent', password: 'tsunagi-agent2' },
  { username: 'supervisor', displayName: '高橋 美咲', role: 'supervisor', password: 'tsunagi-supervisor' },
  { username: 'admin', displayName: '管理者', role: 'admin', password: 'tsunagi-admin' },
];

/** Creates the demo accounts that are missing; returns the ones created. */
export async function seedDemoAccounts(users: UserStore): Promise<typeof demoAccounts> {
  const created: typeof demoAccounts = [];
  for (const account of demoAccounts) {
    if (await users.findByUsername(account.username)) continue;
    await users.create(account);
    created.push(account);
  }
  return created;
}

/** Usernames that still have their public demo password. */
export async function accountsWithDemoPasswords(users: UserStore): Promise<string[]> {
  const found: string[] = [];
  for (const account of demoAccounts) {
    const row = await users.findByUsername(account.username);
    if (row && (await verifyPassword(account.password, row.password_hash))) found.push(account.username);
  }
  return found;
}
