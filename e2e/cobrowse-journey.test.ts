import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestServer } from '../server/test/support/test-server.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { askForHelpAndReadCode, joinByCode, signIn, waitForLiveView } from './support/journey.ts';
import { leaksIn, missingFrom, serverSidePlaces } from './support/leaks.ts';
import { replayInputs, replayText } from './support/replay.ts';
import { startWatchedServer, watchSentTraffic } from './support/watch.ts';

/**
 * The whole co-browse journey on the demo insurer site, in two Chromiums:
 * the customer asks for help and reads out the code, the agent joins with it
 * and follows typing and page loads, the customer pays by card — and the card
 * details are found nowhere the server could see: not in the socket traffic
 * (as sent by the browser and as received by the server), not in the HTTP
 * bodies, not in the logs (at trace level), not in the database (rows and
 * the raw file). Screenshots go to .artifacts/journey/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/journey');

// Not the page's own examples (its hints show 08/29 and KAZUKO SATO).
const CARD = { number: '4111 1111 1111 1111', exp: '11/31', csc: '737', name: 'HANAKO TSUNAGI' };
/** What a leak would look like: the number with or without spaces, and the other card fields. */
const SECRETS = ['4111 1111 1111 1111', '4111111111111111', '41111111', '1111 1111', 'HANAKO', '11/31'];
/** Typed into an ordinary field: must arrive, or the search below proves nothing. */
const ORDINARY = '千代田区丸の内一丁目9番2号';

interface SentEvent {
  type: number;
  data: { source?: number; attributes?: { id: number; attributes: Record<string, unknown> }[] };
}

/** The rrweb events in the customer browser's `batch` frames (`42/customer,<id>["batch",{…}]`). */
function sentEvents(frames: readonly string[]): SentEvent[] {
  return frames.flatMap((frame) => {
    const start = frame.indexOf('["batch",');
    if (start < 0) return [];
    const [, batch] = JSON.parse(frame.slice(start)) as [string, { eventsJson: string }];
    return JSON.parse(batch.eventsJson) as SentEvent[];
  });
}

describe('co-browse journey on the demo site', () => {
  let server: TestServer;
  let customerBrowser: TestBrowser;
  let agentBrowser: TestBrowser;
  let customer: Page;
  let agent: Page;
  const logLines: string[] = [];
  const serverPackets: string[] = [];
  const browserFrames: string[] = [];
  const browserBodies: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startWatchedServer({ logLines, packets: serverPackets });
    [customerBrowser, agentBrowser] = await Promise.all([
      launchBrowser({ viewport: { width: 1200, height: 800 } }),
      launchBrowser({ viewport: { width: 1440, height: 900 } }),
    ]);
    customer = await customerBrowser.context.newPage();
    agent = await agentBrowser.context.newPage();
    watchSentTraffic(customer, { frames: browserFrames, bodies: browserBodies });
  });

  afterAll(async () => {
    await customerBrowser?.close();
    await agentBrowser?.close();
    await server?.destroy();
  });

  let code = '';

  it('the customer asks for help on the home page and gets a code', async () => {
    await customer.goto(`${server.url}/`);
    code = await askForHelpAndReadCode(customer);
    await customer.screenshot({ path: `${SHOTS}/1-customer-code.png` });
  });

  it('the agent signs in, joins with the code and sees the page', async () => {
    await signIn(agent, server.url, 'agent1');
    await joinByCode(agent, code);
    await expect.poll(() => replayText(agent)).toContain('つなぎ損害保険');
    // The customer's bar now names the agent.
    await expect.poll(() => customer.getByTestId('tsunagi-sharing-title').getAttribute('data-agent')).toBe('佐藤 花子');
  });

  it('the agent sees what the customer types, and follows a page load', async () => {
    await customer.goto(`${server.url}/fire/`);
    await expect.poll(() => agent.getByTestId('live-page-url').textContent()).toContain('/fire/');
    await customer.locator('#fire-address').click();
    await customer.locator('#fire-address').pressSequentially(ORDINARY, { delay: 15 });
    await expect.poll(() => replayInputs(agent), { timeout: 10_000 }).toContain(ORDINARY);
    await agent.screenshot({ path: `${SHOTS}/2-agent-fire.png` });
  });

  it('typing in the React form sends the keystrokes, not every input’s unchanged name again', () => {
    // React re-sets each controlled input's name on every render; the widget
    // drops those echoes (client/widget/recording/attribute-echoes.ts).
    const mutations = sentEvents(browserFrames).filter((event) => event.type === 3 && event.data.source === 0);
    const inputs = sentEvents(browserFrames).filter((event) => event.type === 3 && event.data.source === 5);
    expect(inputs.length).toBeGreaterThanOrEqual(ORDINARY.length);
    const nameEchoes = mutations.flatMap((event) => event.data.attributes ?? []).filter((change) => 'name' in change.attributes);
    expect(nameEchoes).toEqual([]);
  });

  it('card details typed on the payment page stay masked in the agent view', async () => {
    await customer.getByRole('link', { name: 'お支払い方法' }).first().click();
    await customer.waitForURL('**/payment/');
    await expect.poll(() => replayText(agent)).toContain('お支払い方法');
    await customer.locator('#card-number').pressSequentially(CARD.number, { delay: 10 });
    await customer.locator('#card-exp').pressSequentially(CARD.exp, { delay: 10 });
    await customer.locator('#card-csc').pressSequentially(CARD.csc, { delay: 10 });
    await customer.locator('#card-name').pressSequentially(CARD.name, { delay: 10 });
    expect(await customer.locator('#card-number').inputValue()).toContain('4111');
    // The agent sees that something was typed — as asterisks of the same length.
    await expect
      .poll(async () => (await replayInputs(agent)).some((value) => /^\*{11,}$/.test(value)), { timeout: 10_000 })
      .toBe(true);
    await agent.screenshot({ path: `${SHOTS}/3-agent-payment-masked.png` });
    await customer.screenshot({ path: `${SHOTS}/3-customer-payment.png` });
  });

  it('after a reload the agent sees the current page again', async () => {
    await agent.reload();
    await waitForLiveView(agent);
    await expect.poll(() => replayText(agent)).toContain('お支払い方法');
    await expect.poll(async () => (await replayInputs(agent)).some((value) => /^\*{11,}$/.test(value))).toBe(true);
  });

  it('the card details appear nowhere on the server side', async () => {
    // Let the last batches be acknowledged and committed.
    await customer.waitForTimeout(500);
    await server.app.close();

    const places = await serverSidePlaces(server, ['cobrowse_sessions', 'event_batches', 'users', 'login_sessions'], {
      'frames sent by the customer browser': browserFrames.join('\n'),
      'HTTP bodies sent by the customer browser': browserBodies.join('\n'),
      'packets received by the server': serverPackets.join('\n'),
      'server logs': logLines.join(''),
    });

    // The searches can find things: ordinary typed text is in the traffic and the store.
    expect(missingFrom(places, [ORDINARY], ['frames sent by the customer browser', 'packets received by the server', 'database rows'])).toEqual([]);
    expect(logLines.length).toBeGreaterThan(10);

    expect(leaksIn(places, SECRETS)).toEqual([]);
  });
});
