import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@tsunagi/shared';
import { closeAllSockets, connectAgent, connected, createSession, httpJson, login, request } from './support/clients.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.destroy());
afterEach(() => closeAllSockets());

describe('sign-in', () => {
  it('signs in with an httpOnly SameSite cookie, knows the user, signs out', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'tsunagi-agent1' }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await httpJson(server.url, '/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'agent1', role: 'agent' } });

    expect((await httpJson(server.url, '/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect((await httpJson(server.url, '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('refuses a wrong password and a malformed body with clear errors', async () => {
    const wrong = await httpJson(server.url, '/api/auth/login', { body: { username: 'agent1', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'unauthorized', message: 'wrong username or password' } });
    const malformed = await httpJson(server.url, '/api/auth/login', { body: { username: 42 } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'bad_request' } });
    const notJson = await httpJson(server.url, '/api/auth/login', { rawBody: '{oops' });
    expect(notJson.status).toBe(400);
  });
});

describe('user management', () => {
  it('lets an admin create users who can then sign in', async () => {
    const admin = await login(server.url, 'admin');
    const created = await httpJson(server.url, '/api/users', {
      cookie: admin,
      body: { username: 'yamada', displayName: '山田 太郎', role: 'agent', password: 'a-long-password-1' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user: { username: 'yamada', displayName: '山田 太郎', role: 'agent' } });
    expect(JSON.stringify(created.body)).not.toContain('password');
    await expect(login(server.url, 'yamada', 'a-long-password-1')).resolves.toMatch(/tsunagi_session=/);

    const duplicate = await httpJson(server.url, '/api/users', {
      cookie: admin,
      body: { username: 'yamada', displayName: 'x', role: 'agent', password: 'a-long-password-1' },
    });
    expect(duplicate.status).toBe(409);
    const weak = await httpJson(server.url, '/api/users', {
      cookie: admin,
      body: { username: 'weak', displayName: 'x', role: 'agent', password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('password') as string } });
  });

  it.each([
    ['agent1', 403],
    ['supervisor', 403],
    [undefined, 401],
  ] as const)('refuses %s listing or creating users (%i)', async (username, status) => {
    const cookie = username ? await login(server.url, username) : undefined;
    expect((await httpJson(server.url, '/api/users', { cookie })).status).toBe(status);
    const before = ((await httpJson(server.url, '/api/users', { cookie: await login(server.url, 'admin') })).body as { users: unknown[] }).users.length;
    const attempt = await httpJson(server.url, '/api/users', {
      cookie,
      body: { username: `x${status}${username ?? ''}`, displayName: 'x', role: 'admin', password: 'a-long-password-1' },
    });
    expect(attempt.status).toBe(status);
    const after = ((await httpJson(server.url, '/api/users', { cookie: await login(server.url, 'admin') })).body as { users: unknown[] }).users.length;
    expect(after).toBe(before);
  });
});

describe('agent protocol version', () => {
  it('lets a console of the current protocol with a valid login connect', async () => {
    const socket = connectAgent(server.url, await login(server.url, 'agent1'), { protocol: PROTOCOL_VERSION });
    await connected(socket);
    expect((await request(socket, 'clock:ping', {})).ok).toBe(true);
  });

  it('refuses a console of another protocol, or one that sends none, with outdated_client', async () => {
    const cookie = await login(server.url, 'agent1');
    for (const auth of [{ protocol: PROTOCOL_VERSION - 1 }, { protocol: PROTOCOL_VERSION + 1 }, null, {}, { protocol: String(PROTOCOL_VERSION) }]) {
      await expect(connected(connectAgent(server.url, cookie, auth)), JSON.stringify(auth)).rejects.toThrow('outdated_client');
    }
  });

  it('checks the version before the login: an outdated console is told to reload even when logged out', async () => {
    await expect(connected(connectAgent(server.url, undefined, { protocol: PROTOCOL_VERSION - 1 }))).rejects.toThrow('outdated_client');
    await expect(connected(connectAgent(server.url, 'tsunagi_session=forged', null))).rejects.toThrow('outdated_client');
  });

  it('still refuses a current console without a valid login with unauthorized', async () => {
    await expect(connected(connectAgent(server.url, undefined, { protocol: PROTOCOL_VERSION }))).rejects.toThrow('unauthorized');
  });
});

describe('socket roles', () => {
  it('refuses an agent socket without a valid login', async () => {
    await expect(connected(connectAgent(server.url, undefined))).rejects.toThrow('unauthorized');
    await expect(connected(connectAgent(server.url, 'tsunagi_session=forged'))).rejects.toThrow('unauthorized');
  });

  it('lets agents and supervisors assist, not admins', async () => {
    for (const username of ['agent1', 'supervisor']) {
      const socket = connectAgent(server.url, await login(server.url, username));
      await connected(socket);
      expect((await request(socket, 'queue:subscribe', {})).ok).toBe(true);
    }
    const admin = connectAgent(server.url, await login(server.url, 'admin'));
    await connected(admin);
    for (const [event, payload] of [
      ['queue:subscribe', {}],
      ['session:join-code', { code: '123456' }],
      ['session:take', { sessionId: (await createSession(server.url)).sessionId }],
    ] as const) {
      const ack = await request(admin, event, payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('answers unknown events and bad payloads with bad_request', async () => {
    const socket = connectAgent(server.url, await login(server.url, 'agent1'));
    await connected(socket);
    expect(await request(socket, 'session:teleport', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(socket, 'session:take', { sessionId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await request(socket, 'session:join-code', { code: '12ab56' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('six digits') as string },
    });
  });
});
