import { MeResponse, UserList, type CreateUserBody, type LoginBody, type User } from '@tsunagi/shared';
import { RequestError } from '../errors.ts';
import { apiRequest } from './api.ts';

/** The HTTP endpoints of docs/protocol.md that every console needs. */

export async function login(body: LoginBody): Promise<User> {
  const { user } = await apiRequest('/api/auth/login', { method: 'POST', body, schema: MeResponse });
  return user;
}

export async function logout(): Promise<void> {
  await apiRequest('/api/auth/logout', { method: 'POST' });
}

/** The logged-in user, or null when the cookie is missing or expired. */
export async function currentUser(): Promise<User | null> {
  try {
    const { user } = await apiRequest('/api/auth/me', { schema: MeResponse });
    return user;
  } catch (error) {
    if (error instanceof RequestError && error.status === 401) return null;
    throw error;
  }
}

export async function listUsers(): Promise<User[]> {
  const { users } = await apiRequest('/api/users', { schema: UserList });
  return users;
}

export async function createUser(body: CreateUserBody): Promise<User> {
  const { user } = await apiRequest('/api/users', { method: 'POST', body, schema: MeResponse });
  return user;
}
