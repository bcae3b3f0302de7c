import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { chromiumArgs } from './support/browser.ts';
import { submitLogin } from './support/journey.ts';

/**
 * The admin's day in the console against the real server: sign in, see
 * everyone who can log in, add a colleague with the form (and be told
 * clearly what is wrong with a taken username or a short password), then the
 * colleague signs in on their own machine and gets to work. Agents never see
 * the Users screen. Needs the built client (`npm run build`). Screenshots go
 * to .artifacts/admin/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/admin');

const NEW_USER = { username: 'tanaka.k', displayName: '田中 和子', password: 'tanaka-pass-2025' };

/** The id or test id of the focused element. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);

describe('admin manages users in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;

  /** A fresh browser context: its own cookies and storage, as on another person's computer. */
  const newContext = () => browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([
      startTestServer(),
      chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs }),
    ]);
    adminContext = await newContext();
    admin = await adminContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('the admin signs in and sees the Users screen with everyone', async () => {
    await submitLogin(admin, server.url, 'admin', 'tsunagi-admin');
    await admin.getByRole('heading', { level: 1, name: 'ユーザー管理' }).waitFor();
    expect(await admin.getByTestId('header-role').textContent()).toBe('管理者');
    await admin.getByTestId('users-table').waitFor();
    const rows = admin.getByTestId('users-row');
    expect(await rows.count()).toBe(4);
    expect(await rows.locator('td:first-child').allTextContents()).toEqual(['agent1', 'agent2', 'supervisor', 'admin']);
    // The admin is marked as the current user; an admin takes no customers.
    expect(await rows.filter({ hasText: 'admin' }).getAttribute('aria-current')).toBe('true');
    expect(await admin.getByTestId('queue-list').count()).toBe(0);
    expect(await admin.getByTestId('queue-empty').count()).toBe(0);
  });

  it('creates a user with the form', async () => {
    await admin.getByTestId('new-user-username').fill(NEW_USER.username);
    await admin.getByTestId('new-user-display-name').fill(NEW_USER.displayName);
    await admin.getByTestId('new-user-role').selectOption('agent');
    await admin.getByTestId('new-user-password').fill(NEW_USER.password);
    await admin.getByTestId('create-user-submit').click();

    const done = admin.getByTestId('create-user-done');
    await done.waitFor();
    expect(await done.textContent()).toBe(`ユーザー「${NEW_USER.username}」を作成しました。`);
    expect(await done.getAttribute('role')).toBe('status');
    // The new user is in the table at once, and the form is ready for the next one.
    const rows = admin.getByTestId('users-row');
    expect(await rows.count()).toBe(5);
    expect(await rows.last().locator('td').allTextContents()).toEqual([
      NEW_USER.username,
      NEW_USER.displayName,
      'エージェント',
      expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}$/),
    ]);
    for (const field of ['new-user-username', 'new-user-display-name', 'new-user-password']) {
      expect(await admin.getByTestId(field).inputValue()).toBe('');
    }
    expect(await admin.getByTestId('create-user-error').count()).toBe(0);
    await admin.screenshot({ path: `${SHOTS}/1-created.png` });

    // Stored for real: a reload still lists them.
    await admin.reload();
    await expect.poll(() => admin.getByTestId('users-row').count()).toBe(5);
  });

  it('says clearly that a username is taken, next to the field', async () => {
    await admin.getByTestId('new-user-username').fill(NEW_USER.username);
    await admin.getByTestId('new-user-display-name').fill('別の 田中');
    await admin.getByTestId('new-user-password').fill('another-password-1');
    await admin.getByTestId('create-user-submit').click();

    const error = admin.locator('#new-user-username-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('このユーザー名は既に使われています。');
    const username = admin.getByTestId('new-user-username');
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    expect((await username.getAttribute('aria-describedby'))?.split(' ')).toContain('new-user-username-error');
    expect(await focused(admin)).toBe('new-user-username');
    // Nothing was created, nothing else is flagged, and what was typed is kept for correcting.
    expect(await admin.getByTestId('users-row').count()).toBe(5);
    expect(await admin.getByTestId('create-user-done').count()).toBe(0);
    expect(await admin.getByTestId('new-user-password').getAttribute('aria-invalid')).toBeNull();
    expect(await admin.getByTestId('new-user-display-name').inputValue()).toBe('別の 田中');
    await admin.screenshot({ path: `${SHOTS}/2-duplicate.png` });

    // In English too, without typing it again.
    await admin.getByTestId('lang-toggle').click();
    expect(await error.textContent()).toBe('This username is already taken.');
    await admin.getByTestId('lang-toggle').click();

    // Typing a new name clears the message.
    await username.fill('tanaka.k2');
    expect(await error.count()).toBe(0);
    expect(await username.getAttribute('aria-invalid')).toBeNull();
  });

  it('says clearly that a password is too short, before sending anything', async () => {
    let posted = 0;
    admin.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/users')) posted++;
    });
    await admin.getByTestId('new-user-password').fill('short');
    await admin.getByTestId('create-user-submit').click();

    const error = admin.locator('#new-user-password-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('パスワードは10文字以上で入力してください。');
    const password = admin.getByTestId('new-user-password');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect((await password.getAttribute('aria-describedby'))?.split(' ')).toEqual(['new-user-password-hint', 'new-user-password-error']);
    expect(await focused(admin)).toBe('new-user-password');
    expect(posted).toBe(0);
    expect(await admin.getByTestId('users-row').count()).toBe(5);
    await admin.screenshot({ path: `${SHOTS}/3-short-password.png` });

    // The server says the same if asked directly.
    const response = await adminContext.request.post(`${server.url}/api/users`, {
      data: { username: 'tanaka.k3', displayName: '田中', role: 'agent', password: 'short' },
    });
    expect(response.status()).toBe(400);
  });

  it('the new user signs in on their own computer and sees the queue', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await submitLogin(page, server.url, NEW_USER.username, NEW_USER.password);
      await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]');
      await page.getByTestId('queue-empty').waitFor();
      expect(await page.getByTestId('header-user').textContent()).toBe(NEW_USER.displayName);
      expect(await page.getByTestId('header-role').textContent()).toBe('エージェント');
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'ユーザー管理' }).count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/4-new-user-queue.png` });
    } finally {
      await context.close();
    }
  });

  it('an agent signing in sees no Users screen, and may not list users', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await submitLogin(page, server.url, 'agent1', 'tsunagi-agent1');
      await page.getByTestId('queue-empty').waitFor();
      expect(await page.getByTestId('header-user').textContent()).toBe('佐藤 花子');
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.getByTestId('create-user-form').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'ユーザー管理' }).count()).toBe(0);
      expect((await context.request.get(`${server.url}/api/users`)).status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
