import { z } from 'zod';
import { Role } from '../protocol/common.ts';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash and underscore');

export const Password = z.string().min(10, 'at least 10 characters').max(200);

export const LoginBody = z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  createdAt: z.number().int(),
});
export type User = z.infer<typeof User>;

export const MeResponse = z.object({ user: User });
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateUserBody = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(80),
  role: Role,
  password: Password,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UserList = z.object({ users: z.array(User) });
export type UserList = z.infer<typeof UserList>;
