import type { Role } from './common.ts';

/**
 * Who may do what. The server checks every HTTP route and socket event
 * against this table; the consoles use it only to hide what a user cannot do.
 */
export const permissions = {
  /** Take waiting sessions, join by code, watch and end the sessions one owns. */
  'cobrowse.assist': ['agent', 'supervisor'],
  /** Watch any live session read-only. */
  'cobrowse.monitor': ['supervisor'],
  /** Create and list user accounts. */
  'users.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
