import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { TestServer } from '../server/test/support/test-server.ts';
import { startSiteServer, type SiteServer } from './fixtures/widget-browser.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { askForHelpAndReadCode, joinByCode, signIn, waitForLiveView } from './support/journey.ts';
import { leaksIn, missingFrom, serverSidePlaces } from './support/leaks.ts';
import { replayText } from './support/replay.ts';
import { startWatchedServer, watchReceivedFrames, watchSentTraffic } from './support/watch.ts';

/**
 * Frames on the demo site's change page, in two Chromiums against the real
 * server: the insurer's address search in a same-origin frame, and the
 * payment provider's card form in a cross-origin frame (the page is loaded
 * from http://127.0.0.1:PORT, the card form from http://localhost:PORT —
 * another origin, with the widget embedded there too). The agent sees what
 * is typed in both; the birth date (data-tsunagi-mask) and the card details
 * (autocomplete cc-*) are found nowhere the server could see; rrweb messages
 * from a frame of another origin, or from the allowed frame without the
 * widget's nonce, are dropped. Needs the built client (`npm run build`).
 * Screenshots go to .artifacts/frames/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/frames');

const CARD = { number: '5555 4444 3333 1111', exp: '09/34', csc: '4821', name: 'TARO FRAMEWELL' };
const BIRTHDATE = '1949/11/29';
/** What a leak would look like. */
const SECRETS = [CARD.number, '5555444433331111', '5555 4444', '4444 3333', '3333 1111', CARD.exp, CARD.csc, CARD.name, 'FRAMEWELL', BIRTHDATE, '19491129'];
/** Typed into ordinary fields of each frame: must arrive, or "nothing leaked" proves nothing. */
const ADDRESS_LINE = '二丁目7番3号 東京ビルディング';
const EMAIL = 'hanako.frames@example.jp';
const PHONE = '03-5555-0123';
const RELOADED_EMAIL = 'again.frames@example.jp';
/** Text of forged frame snapshots: must never reach the agent or the store. */
const FORGED = ['FORGED-FROM-OTHER-ORIGIN', 'FORGED-FROM-ALLOWED-FRAME'];

/** A minimal rrweb full snapshot whose page shows `text`. */
function forgedSnapshot(text: string) {
  return {
    type: 2,
    timestamp: 0,
    data: {
      initialOffset: { left: 0, top: 0 },
      node: {
        type: 0,
        id: 1,
        childNodes: [
          {
            type: 2,
            id: 2,
            tagName: 'html',
            attributes: {},
            childNodes: [{ type: 2, id: 3, tagName: 'body', attributes: {}, childNodes: [{ type: 3, id: 4, textContent: text }] }],
          },
        ],
      },
    },
  };
}

/**
 * Another site, framed into the customer's page: it says hello like a widget
 * would, posts rrweb messages claiming to be a frame's recording (with and
 * without a made-up nonce), and keeps whatever the top page sends it.
 */
function forgingPage(): string {
  const snapshot = JSON.stringify(forgedSnapshot(FORGED[0]!));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>other site</title></head><body><p>other site</p>
<script>
  window.received = [];
  window.addEventListener('message', (event) => window.received.push(event.data));
  const event = ${snapshot};
  window.forge = () => {
    parent.postMessage({ type: 'tsunagi:frame-hello' }, '*');
    parent.postMessage({ type: 'rrweb', event: { ...event, timestamp: Date.now() }, origin: location.origin }, '*');
    parent.postMessage({ type: 'rrweb', event: { ...event, timestamp: Date.now() }, origin: location.origin, tsunagi: 'QUFBQUFBQUFBQUFBQUFBQUFBQUFB' }, '*');
  };
  window.forge();
</script></body></html>`;
}

/** What the agent's replay holds inside the replayed iframe with this id. */
function replayFrame(page: Page, frameId: string): Promise<{ text: string; inputs: string[] }> {
  return page.evaluate((id) => {
    const replay = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe')?.contentDocument;
    const doc = replay?.querySelector<HTMLIFrameElement>(`iframe#${id}`)?.contentDocument;
    return { text: doc?.body?.innerText ?? '', inputs: [...(doc?.querySelectorAll('input') ?? [])].map((input) => input.value) };
  }, frameId);
}

function frameOf(page: Page, path: string): Frame {
  const frame = page.frames().find((f) => new URL(f.url()).pathname === path);
  if (!frame) throw new Error(`no frame at ${path}`);
  return frame;
}

describe('co-browse with same-origin and cross-origin frames', () => {
  let server: TestServer;
  let otherSite: SiteServer;
  let customerBrowser: TestBrowser;
  let agentBrowser: TestBrowser;
  let customer: Page;
  let agent: Page;
  const logLines: string[] = [];
  const serverPackets: string[] = [];
  const customerFrames: string[] = [];
  const customerBodies: string[] = [];
  const agentReceived: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startWatchedServer({ logLines, packets: serverPackets });
    otherSite = await startSiteServer({ '/forge': forgingPage });
    [customerBrowser, agentBrowser] = await Promise.all([
      launchBrowser({ viewport: { width: 1200, height: 900 } }),
      launchBrowser({ viewport: { width: 1440, height: 1000 } }),
    ]);
    customer = await customerBrowser.context.newPage();
    agent = await agentBrowser.context.newPage();
    watchSentTraffic(customer, { frames: customerFrames, bodies: customerBodies });
    watchReceivedFrames(agent, agentReceived);
  });

  afterAll(async () => {
    await customerBrowser?.close();
    await agentBrowser?.close();
    await otherSite?.close();
    await server?.destroy();
  });

  let code = '';

  it('the customer opens the change page: both frames load, neither offers help of its own', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await customer.goto(`${server.url}/change/`);
    const card = customer.frameLocator('#change-card-frame');
    const address = customer.frameLocator('#change-address-frame');
    await card.locator('#pay-number').waitFor();
    await address.locator('#address-postcode').waitFor();
    // A different origin: the same server under its other loopback name.
    expect(new URL(frameOf(customer, '/embed/card/').url()).origin).toBe(server.url.replace('127.0.0.1', 'localhost'));
    // The widget has loaded in the card frame (window.Tsunagi), yet shows nothing there.
    const widgetApi = () => typeof (window as unknown as { Tsunagi?: unknown }).Tsunagi;
    await expect.poll(() => frameOf(customer, '/embed/card/').evaluate(widgetApi)).toBe('object');
    await expect.poll(() => frameOf(customer, '/embed/address/').evaluate(widgetApi)).toBe('object');
    expect(await card.locator('tsunagi-widget').count()).toBe(0);
    expect(await address.locator('tsunagi-widget').count()).toBe(0);
    await expect(
      frameOf(customer, '/embed/card/').evaluate(() => (window as unknown as { Tsunagi: { start(): Promise<unknown> } }).Tsunagi.start()),
    ).rejects.toThrow(/top page/);

    // Every rrweb-shaped message that reaches the top page, seen before the widget's own listeners.
    await customer.evaluate(() => {
      const seen: { origin: string; forged: boolean }[] = [];
      (window as unknown as { rrwebSeen: typeof seen }).rrwebSeen = seen;
      window.addEventListener(
        'message',
        (event: MessageEvent<{ type?: unknown }>) => {
          if (event.data?.type === 'rrweb') seen.push({ origin: event.origin, forged: JSON.stringify(event.data).includes('FORGED') });
        },
        true,
      );
    });
    // Nothing was passed up before sharing: the frame widget stays quiet.
    expect(await customer.evaluate(() => (window as unknown as { rrwebSeen: unknown[] }).rrwebSeen.length)).toBe(0);

    code = await askForHelpAndReadCode(customer);
  });

  it('the agent joins and sees both frames in the live view', async () => {
    await signIn(agent, server.url, 'agent1');
    await joinByCode(agent, code);
    await expect.poll(() => replayText(agent)).toContain('ご住所・お支払いカードの変更');
    await expect.poll(async () => (await replayFrame(agent, 'change-address-frame')).text, { timeout: 10_000 }).toContain('郵便番号');
    await expect.poll(async () => (await replayFrame(agent, 'change-card-frame')).text, { timeout: 10_000 }).toContain('ほしぞらペイメント');
  });

  it('typing in the same-origin frame shows in the live view; the protected birth date only as stars', async () => {
    const address = customer.frameLocator('#change-address-frame');
    await address.locator('#address-postcode').pressSequentially('100-0005', { delay: 10 });
    await address.locator('#address-lookup').click();
    await expect(address.locator('#address-prefecture').inputValue()).resolves.toBe('東京都');
    await address.locator('#address-line').pressSequentially(ADDRESS_LINE, { delay: 10 });
    await address.locator('#address-birthdate').pressSequentially(BIRTHDATE, { delay: 10 });
    expect(await address.locator('#address-birthdate').inputValue()).toBe(BIRTHDATE);
    await expect.poll(async () => (await replayFrame(agent, 'change-address-frame')).inputs, { timeout: 10_000 }).toEqual(
      expect.arrayContaining(['100-0005', '東京都', '千代田区丸の内', ADDRESS_LINE, '*'.repeat(BIRTHDATE.length)]),
    );
  });

  it('typing in the cross-origin frame shows in the live view; the card details only as stars', async () => {
    const card = customer.frameLocator('#change-card-frame');
    await card.locator('#pay-number').pressSequentially(CARD.number, { delay: 10 });
    await card.locator('#pay-exp').pressSequentially(CARD.exp, { delay: 10 });
    await card.locator('#pay-csc').pressSequentially(CARD.csc, { delay: 10 });
    await card.locator('#pay-name').pressSequentially(CARD.name, { delay: 10 });
    await card.locator('#pay-email').pressSequentially(EMAIL, { delay: 10 });
    expect(await card.locator('#pay-number').inputValue()).toBe(CARD.number);
    await expect.poll(async () => (await replayFrame(agent, 'change-card-frame')).inputs, { timeout: 10_000 }).toEqual([
      '*'.repeat(CARD.number.length),
      '*'.repeat(CARD.exp.length),
      '*'.repeat(CARD.csc.length),
      '*'.repeat(CARD.name.length),
      EMAIL,
    ]);
    await agent.screenshot({ path: `${SHOTS}/1-agent-frames.png` });
    await customer.screenshot({ path: `${SHOTS}/1-customer-frames.png` });
  });

  it('rrweb messages from a frame of another origin, or without the widget nonce, are ignored', async () => {
    // Another site framed into the page: says hello, posts forged snapshots.
    await customer.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.id = 'other-site-frame';
      frame.title = 'other site';
      frame.src = src;
      document.querySelector('main')!.append(frame);
    }, `${otherSite.url}/forge`);
    await expect.poll(() => customer.frames().some((f) => f.url().endsWith('/forge'))).toBe(true);
    const other = customer.frames().find((f) => f.url().endsWith('/forge'))!;
    await other.waitForFunction(() => document.readyState === 'complete');
    // The allowed frame's origin, but not the widget there: no nonce, then a guessed one.
    const cardFrame = frameOf(customer, '/embed/card/');
    await cardFrame.evaluate((event) => {
      parent.postMessage({ type: 'rrweb', event: { ...event, timestamp: Date.now() }, origin: location.origin }, '*');
      parent.postMessage({ type: 'rrweb', event: { ...event, timestamp: Date.now() }, origin: location.origin, tsunagi: 'QUFBQUFBQUFBQUFBQUFBQUFBQUFB' }, '*');
    }, forgedSnapshot(FORGED[1]!));
    // All four forged messages reached the top page (so the test can fail) …
    await expect
      .poll(() => customer.evaluate(() => (window as unknown as { rrwebSeen: { forged: boolean }[] }).rrwebSeen.filter((s) => s.forged).length))
      .toBe(4);
    // … and were handled there, synchronously. Now a real change, to flush whatever followed.
    const address = customer.frameLocator('#change-address-frame');
    await address.locator('#address-phone').pressSequentially(PHONE, { delay: 10 });
    await expect.poll(async () => (await replayFrame(agent, 'change-address-frame')).inputs, { timeout: 10_000 }).toContain(PHONE);

    // The other site was never invited, and the agent's view holds nothing forged.
    const received = await other.evaluate(() => JSON.stringify((window as unknown as { received: unknown[] }).received));
    expect(received).not.toContain('tsunagi:frame-invite');
    expect((await replayFrame(agent, 'other-site-frame')).text).not.toContain('FORGED');
    expect((await replayFrame(agent, 'change-card-frame')).inputs).toContain(EMAIL);
    const forgedSeen = FORGED.filter((text) => agentReceived.join('\n').includes(text));
    expect(forgedSeen).toEqual([]);
  });

  it('after the agent reloads (a fresh full snapshot), the cross-origin frame is shown again', async () => {
    await agent.reload();
    await waitForLiveView(agent);
    await expect.poll(async () => (await replayFrame(agent, 'change-card-frame')).inputs, { timeout: 10_000 }).toContain(EMAIL);
    await expect.poll(async () => (await replayFrame(agent, 'change-address-frame')).inputs, { timeout: 10_000 }).toContain(ADDRESS_LINE);
    await agent.screenshot({ path: `${SHOTS}/2-agent-after-reload.png` });
  });

  it('a frame that loads while sharing says hello and is recorded at once', async () => {
    await customer.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('#change-card-frame')!;
      frame.src = `${frame.src}&again=1`;
    });
    await expect.poll(() => customer.frames().some((f) => f.url().includes('again=1'))).toBe(true);
    const card = customer.frameLocator('#change-card-frame');
    await card.locator('#pay-email').waitFor();
    await card.locator('#pay-email').pressSequentially(RELOADED_EMAIL, { delay: 10 });
    await expect.poll(async () => (await replayFrame(agent, 'change-card-frame')).inputs, { timeout: 10_000 }).toContain(RELOADED_EMAIL);
  });

  it('when the customer stops sharing, the frame stops passing its recording up', async () => {
    await customer.getByTestId('tsunagi-stop').click();
    await customer.getByTestId('tsunagi-ended').waitFor();
    const seen = () => customer.evaluate(() => (window as unknown as { rrwebSeen: unknown[] }).rrwebSeen.length);
    const before = await seen();
    await customer.evaluate(() => {
      const flushed: unknown[] = [];
      (window as unknown as { flushed: unknown[] }).flushed = flushed;
      window.addEventListener('message', (event: MessageEvent<{ type?: unknown }>) => {
        if (event.data?.type === 'test-flush') flushed.push(event.data);
      });
    });
    const card = customer.frameLocator('#change-card-frame');
    await card.locator('#pay-email').fill('');
    await card.locator('#pay-email').pressSequentially('after.stop@example.jp', { delay: 10 });
    // Messages from one window arrive in order: once this one is in, any event the typing caused would be too.
    await frameOf(customer, '/embed/card/').evaluate(() => parent.postMessage({ type: 'test-flush' }, '*'));
    await expect.poll(() => customer.evaluate(() => (window as unknown as { flushed: unknown[] }).flushed.length)).toBe(1);
    expect(await seen()).toBe(before);
  });

  it('nothing masked or forged appears on the server side', async () => {
    // The customer leaves. (Chromium keeps a preconnected, never-used socket to the
    // frame's host name open, which Node's server.close() would wait on until its
    // headers timeout; the journey test has no second host name, so no such socket.)
    await customerBrowser.close();
    await server.app.close();

    const places = await serverSidePlaces(server, ['cobrowse_sessions', 'event_batches'], {
      'frames sent by the customer browser': customerFrames.join('\n'),
      'HTTP bodies sent by the customer browser': customerBodies.join('\n'),
      'packets received by the server': serverPackets.join('\n'),
      'frames received by the agent browser': agentReceived.join('\n'),
      'server logs': logLines.join(''),
    });

    // The searches can find things: what was typed into ordinary fields of both frames is there.
    expect(
      missingFrom(places, [ADDRESS_LINE, EMAIL, PHONE, RELOADED_EMAIL], ['frames sent by the customer browser', 'packets received by the server', 'database rows']),
    ).toEqual([]);

    expect(leaksIn(places, [...SECRETS, ...FORGED])).toEqual([]);
  });
});
