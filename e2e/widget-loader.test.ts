import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { ask, connectAgent, fixture, launchChromium, startSiteServer, type SiteServer } from './fixtures/widget-browser.ts';

/**
 * widget.js as sites get it — built by `npm run build` and served by the
 * real server, not routed — is a small loader: a page view without sharing
 * fetches nothing more; consenting fetches the sharing chunk from the
 * Tsunagi server (not the insurer's origin); a page load while sharing
 * fetches it at once and rejoins without asking. The insurer's page has a
 * strict script CSP (its own nonce and the Tsunagi origin) and an AMD loader
 * of its own, and the widget leaks no global but `Tsunagi`. A cross-origin
 * frame's widget fetches the recorder only when a sharing top page invites it.
 */

const NONCE = 'c2l0ZS1ub25jZQ';

function sitePage(next: string, tsunagi: string): string {
  return fixture('widget-simple-page.html')
    .replace('<head>', `<head>\n<meta http-equiv="Content-Security-Policy" content="script-src 'nonce-${NONCE}' ${tsunagi}">`)
    .replace('{{LANG}}', 'ja')
    .replace('{{TITLE}}', '自動車保険の更新手続き')
    .replace('{{HEADING}}', '自動車保険の更新')
    .replace('{{BODY}}', 'ご契約内容をご確認のうえ、お手続きください。')
    .replace('{{NAME_LABEL}}', 'お名前')
    .replace('{{CARD_LABEL}}', 'カード番号')
    .replace('{{NEXT}}', next)
    .replace('{{NEXT_LABEL}}', 'お支払い方法へ進む')
    .replace('{{SITE_HELP}}', 'サイトのヘルプボタン')
    .replace(
      '<!--WIDGET-->',
      // The page's own AMD loader: a UMD bundle would register itself with it instead of running.
      `<script nonce="${NONCE}">window.__globalsBefore = Object.getOwnPropertyNames(window);
window.define = function () { throw new Error('the widget called the page\\'s define()'); };
window.define.amd = {};</script>
<script src="${tsunagi}/widget.js" async></script>`,
    );
}

/** Every request the page makes to the Tsunagi server, by path; and its responses. */
function watchTsunagi(page: Page, server: TestServer) {
  const paths: string[] = [];
  const responses: Response[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(server.url)) paths.push(new URL(request.url()).pathname);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(server.url)) responses.push(response);
  });
  return { paths, responses, chunks: () => paths.filter((p) => p.startsWith('/widget/chunks/')) };
}

/** Globals added since the page's first script ran (the page's own `define` aside). */
function addedGlobals(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const before = new Set((window as unknown as { __globalsBefore: string[] }).__globalsBefore);
    return Object.getOwnPropertyNames(window)
      .filter((name) => !before.has(name) && name !== '__globalsBefore' && name !== 'define')
      .sort();
  });
}

describe('widget.js loads the sharing code only when sharing starts or resumes', () => {
  let browser: Browser;
  let server: TestServer;
  let site: SiteServer;
  const agents: Socket[] = [];

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
    site = await startSiteServer({
      '/renewal': () => sitePage('/payment', server.url),
      '/payment': () => sitePage('/renewal', server.url),
    });
  });

  afterAll(async () => {
    for (const agent of agents) agent.disconnect();
    await site?.close();
    await server?.destroy();
    await browser?.close();
  });

  it('a page view fetches the loader alone; consent fetches the chunk from the server; the next page resumes at once', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      // The site server has no favicon; what the Tsunagi server answers is checked by status below.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    page.on('response', (response) => {
      if (response.url().startsWith(server.url) && response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    try {
      // ── A page view without sharing: widget.js, nothing else from the server.
      let seen = watchTsunagi(page, server);
      await page.goto(`${site.url}/renewal`);
      await page.getByTestId('tsunagi-launcher').waitFor();
      await page.waitForLoadState('networkidle');
      expect(seen.paths).toEqual(['/widget.js']);
      expect(await addedGlobals(page)).toEqual(['Tsunagi']);
      const loader = seen.responses.find((r) => new URL(r.url()).pathname === '/widget.js')!;
      expect(loader.headers()['cache-control']).toBe('public, max-age=300');
      expect(loader.headers()['content-type']).toMatch(/javascript/);

      // The consent dialog is the loader's own: still nothing fetched.
      await page.getByTestId('tsunagi-launcher').click();
      await page.getByTestId('tsunagi-consent').waitFor();
      expect(seen.chunks()).toEqual([]);

      // ── Consent: the sharing chunk, from the Tsunagi server's origin.
      await page.getByTestId('tsunagi-agree').click();
      const code = await page.getByTestId('tsunagi-code').getAttribute('data-code', { timeout: 10_000 });
      expect(code).toMatch(/^\d{6}$/);
      const chunks = seen.chunks();
      expect(chunks.some((p) => /^\/widget\/chunks\/sharing-[\w-]+\.js$/.test(p))).toBe(true);
      for (const response of seen.responses.filter((r) => new URL(r.url()).pathname.startsWith('/widget/chunks/'))) {
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toMatch(/javascript/);
        expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(response.headers()['access-control-allow-origin']).toBe('*');
      }
      const agent = await connectAgent(server.url, 'agent1');
      agents.push(agent);
      await ask(agent, 'session:join-code', { code });
      await page.getByTestId('tsunagi-sharing-bar').waitFor({ timeout: 10_000 });

      // No globals but Tsunagi — and, once sharing, zod 4's two (it keeps its config and
      // registry on globalThis on purpose, shared with any zod 4 on the page; a default
      // locale it sets only when none is set). The page's AMD define was never called.
      expect(await addedGlobals(page)).toEqual(['Tsunagi', '__zod_globalConfig', '__zod_globalRegistry']);

      // ── The next page, during sharing: the chunk at once, no consent, still shared.
      seen = watchTsunagi(page, server);
      await page.click('#next');
      await page.waitForURL(`${site.url}/payment`);
      await page.getByTestId('tsunagi-sharing-bar').waitFor({ timeout: 10_000 });
      expect(seen.chunks().some((p) => p.startsWith('/widget/chunks/sharing-'))).toBe(true);
      expect(await page.getByTestId('tsunagi-consent').count()).toBe(0);
      expect(await page.getByTestId('tsunagi-launcher').count()).toBe(0);

      // ── Stopped: the next page view is a loader alone again.
      await page.getByTestId('tsunagi-stop').click();
      await page.getByTestId('tsunagi-ended').waitFor({ timeout: 10_000 });
      seen = watchTsunagi(page, server);
      await page.click('#next');
      await page.waitForURL(`${site.url}/renewal`);
      await page.getByTestId('tsunagi-launcher').waitFor();
      await page.waitForLoadState('networkidle');
      expect(seen.chunks()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a cross-origin frame fetches the recorder, from its own Tsunagi origin, only once the sharing top page invites it', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    const page = await context.newPage();
    // The demo's change page: an address frame of its own origin, a card frame from localhost.
    const cardOrigin = server.url.replace('127.0.0.1', 'localhost');
    const chunks: { top: boolean; url: string }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/widget/chunks/')) chunks.push({ top: request.frame() === page.mainFrame(), url: request.url() });
    });
    try {
      await page.goto(`${server.url}/change/`);
      await page.getByTestId('tsunagi-launcher').waitFor();
      await expect.poll(() => page.frames().filter((f) => f.url().includes('/embed/')).length).toBe(2);
      await page.waitForLoadState('networkidle');
      expect(chunks).toEqual([]);

      await page.getByTestId('tsunagi-launcher').click();
      await page.getByTestId('tsunagi-agree').click();
      await page.getByTestId('tsunagi-code').getAttribute('data-code', { timeout: 10_000 });
      await expect.poll(() => chunks.filter((c) => !c.top).map((c) => new URL(c.url).origin)).toContain(cardOrigin);
      const framed = chunks.filter((c) => !c.top).map((c) => new URL(c.url));
      // The recorder alone (and what it shares with the sharing chunk), never the transport.
      expect(framed.every((url) => url.origin === cardOrigin && !url.pathname.startsWith('/widget/chunks/sharing-'))).toBe(true);
      expect(framed.some((url) => url.pathname.startsWith('/widget/chunks/recorder-'))).toBe(true);
      expect(chunks.filter((c) => c.top).some((c) => new URL(c.url).pathname.startsWith('/widget/chunks/sharing-'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
