import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { axeViolations } from './support/console.ts';
import { findStoredNode } from './support/guidance.ts';
import { askForHelpAndReadCode, joinByCode, signIn } from './support/journey.ts';
import { focusedTestId, navNode, pressUntilSaid, spoken, tabTo } from './support/keyboard.ts';
import { replayText } from './support/replay.ts';

/**
 * The agent's pointer and highlight into the same-origin address-search
 * frame of the demo change page, in two Chromiums against the real server:
 * the console names the field inside the replayed frame (not the frame),
 * and the customer's page draws the pointer and the ring where that field
 * really is — offset by the iframe's position, border and padding — also
 * after the customer scrolls the page and the frame. Remote control stops at
 * the frame (the widget refuses it; the console says so). The keyboard
 * navigator steps into the frame too, with `page.keyboard` only. Into the
 * cross-origin card frame (recorded by the frame's own widget) the pointer
 * and the ring reach the card-number field as well — the top page maps the
 * id back to the frame and the frame's widget says where the field is —
 * but remote control stops there too. Needs the built
 * client (`npm run build`). Screenshots go to .artifacts/frames-guidance/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/frames-guidance');
const FRAME = 'change-address-frame';
const FIELD = '#address-line';
/** The cross-origin card form's frame on the same page, and its card-number field. */
const CARD_FRAME = 'change-card-frame';
const CARD_FIELD = '#pay-number';
/** How far the drawn pointer may be from where the field really is. */
const TOLERANCE = 3;

type Rect = { left: number; top: number; width: number; height: number };

/**
 * The field's box in the customer's top viewport, measured independently of
 * the widget: its rect in the frame plus the iframe's content origin.
 */
function customerFieldBox(page: Page): Promise<Rect> {
  return page.evaluate(
    ({ frameId, selector }) => {
      const frame = document.getElementById(frameId) as HTMLIFrameElement;
      const field = frame.contentDocument!.querySelector(selector)!.getBoundingClientRect();
      const outer = frame.getBoundingClientRect();
      const style = getComputedStyle(frame);
      const left = outer.left + frame.clientLeft + parseFloat(style.paddingLeft);
      const top = outer.top + frame.clientTop + parseFloat(style.paddingTop);
      return { left: left + field.left, top: top + field.top, width: field.width, height: field.height };
    },
    { frameId: FRAME, selector: FIELD },
  );
}

/** Where a field inside a replayed frame is drawn on the agent's screen, at fractions (fx, fy), or null if not shown. */
function agentFieldPoint(page: Page, fx: number, fy: number, frameId = FRAME, selector = FIELD): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ frameId, selector, fx, fy }) => {
      const replay = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe');
      const nested = replay?.contentDocument?.getElementById(frameId) as HTMLIFrameElement | null | undefined;
      const element = nested?.contentDocument?.querySelector(selector);
      if (!replay || !nested || !element) return null;
      const drawn = replay.getBoundingClientRect();
      const scale = drawn.width / replay.offsetWidth;
      const outer = nested.getBoundingClientRect();
      const style = nested.ownerDocument.defaultView!.getComputedStyle(nested);
      const box = element.getBoundingClientRect();
      const x = outer.left + nested.clientLeft + parseFloat(style.paddingLeft) + box.left + box.width * fx;
      const y = outer.top + nested.clientTop + parseFloat(style.paddingTop) + box.top + box.height * fy;
      if (y < 0 || y > replay.offsetHeight || box.height === 0) return null;
      return { x: drawn.left + x * scale, y: drawn.top + y * scale };
    },
    { frameId, selector, fx, fy },
  );
}

/**
 * The card-number field's box in the customer's top viewport, measured
 * independently of the widget: the top page cannot read the cross-origin
 * frame, so the field's rect comes from the frame itself (via the browser's
 * debugging protocol), plus the iframe's content origin on the top page.
 */
async function customerCardFieldBox(page: Page): Promise<Rect> {
  const card = page.frames().find((f) => new URL(f.url()).pathname === '/embed/card/')!;
  const [field, origin] = await Promise.all([
    card.evaluate((selector) => {
      const rect = document.querySelector(selector)!.getBoundingClientRect();
      return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
    }, CARD_FIELD),
    page.evaluate((frameId) => {
      const frame = document.getElementById(frameId) as HTMLIFrameElement;
      const outer = frame.getBoundingClientRect();
      const style = getComputedStyle(frame);
      return { left: outer.left + frame.clientLeft + parseFloat(style.paddingLeft), top: outer.top + frame.clientTop + parseFloat(style.paddingTop) };
    }, CARD_FRAME),
  ]);
  return { left: origin.left + field.left, top: origin.top + field.top, width: field.width, height: field.height };
}

/** A point at fractions (fx, fy) of a frame element's box in the replay, on the agent's screen (null while not shown). */
function agentFramePoint(page: Page, frameId: string, fx: number, fy: number): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ frameId, fx, fy }) => {
      const replay = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe');
      const frame = replay?.contentDocument?.getElementById(frameId);
      if (!replay || !frame) return null;
      const drawn = replay.getBoundingClientRect();
      const scale = drawn.width / replay.offsetWidth;
      const box = frame.getBoundingClientRect();
      const x = box.left + box.width * fx;
      const y = box.top + box.height * fy;
      if (y < 0 || y > replay.offsetHeight || box.height === 0) return null;
      return { x: drawn.left + x * scale, y: drawn.top + y * scale };
    },
    { frameId, fx, fy },
  );
}

/**
 * A point `look` finds on the agent's screen, once the replay shows it and it
 * has stopped moving. Waits before the first look: right after the customer
 * scrolls, the replay has not moved yet, and two looks at the old place
 * would agree.
 */
async function settled(page: Page, what: string, look: () => Promise<{ x: number; y: number } | null>): Promise<{ x: number; y: number }> {
  let previous: { x: number; y: number } | null = null;
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(150);
    const point = await look();
    if (point && previous && Math.abs(point.x - previous.x) < 0.5 && Math.abs(point.y - previous.y) < 0.5) return point;
    previous = point;
  }
  throw new Error(`${what} did not settle in the replay`);
}

const settledAgentFramePoint = (page: Page, frameId: string, fx: number, fy: number) =>
  settled(page, `#${frameId}`, () => agentFramePoint(page, frameId, fx, fy));

/** How far the replayed frame's document is scrolled (-1 while the replay does not show it). */
function replayFrameScrollY(page: Page, frameId = FRAME): Promise<number> {
  return page.evaluate((frameId) => {
    const replay = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe');
    const nested = replay?.contentDocument?.getElementById(frameId) as HTMLIFrameElement | null | undefined;
    return nested?.contentWindow ? Math.round(nested.contentWindow.scrollY) : -1;
  }, frameId);
}

/**
 * Waits until the agent's replay shows the customer's page scrolled as it
 * really is. `settled` alone can be fooled on a loaded machine: a scroll
 * still on its way (rrweb throttles scroll events, the widget batches for
 * 100 ms) leaves the replay unchanged across two looks.
 */
async function replayScrolledAsCustomer(agent: Page, customer: Page): Promise<void> {
  const customerY = await customer.evaluate(() => Math.round(window.scrollY));
  await expect
    .poll(() =>
      agent.evaluate(() => {
        const replay = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe');
        return replay?.contentWindow ? Math.round(replay.contentWindow.scrollY) : -1;
      }),
    )
    .toBe(customerY);
}

const settledAgentFieldPoint = (page: Page, fx: number, fy: number) =>
  settled(page, `${FIELD} in #${FRAME}`, () => agentFieldPoint(page, fx, fy));

const pointerTip = (page: Page) =>
  page.locator('[data-testid="tsunagi-pointer"]:not([hidden])').evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { x: rect.left, y: rect.top };
  });

/** How far the customer's pointer tip is from the point at (fx, fy) of the field's real box. */
async function pointerError(page: Page, fx: number, fy: number, fieldBox = customerFieldBox): Promise<number> {
  const [tip, field] = await Promise.all([pointerTip(page), fieldBox(page)]);
  return Math.max(Math.abs(tip.x - (field.left + field.width * fx)), Math.abs(tip.y - (field.top + field.height * fy)));
}

/**
 * The agent clicks at `at`: the console outlines what is under it (drawn
 * over the field inside the replayed frame), and the customer's ring names
 * the same node. Returns the customer's ring.
 */
async function clickHighlightsTheSameNode(agent: Page, customer: Page, at: { x: number; y: number }) {
  await agent.mouse.click(at.x, at.y);
  const mine = agent.getByTestId('guide-highlight');
  await mine.waitFor();
  const nodeId = await mine.getAttribute('data-node-id');
  const outline = (await mine.boundingBox())!;
  expect(at.x).toBeGreaterThan(outline.x);
  expect(at.x).toBeLessThan(outline.x + outline.width);
  expect(at.y).toBeGreaterThan(outline.y);
  expect(at.y).toBeLessThan(outline.y + outline.height);
  const theirs = customer.locator('[data-testid="tsunagi-highlight"]:not([hidden])');
  await theirs.waitFor({ state: 'attached' });
  expect(await theirs.getAttribute('data-node')).toBe(nodeId);
  return theirs;
}

/** Whether the customer's highlight ring surrounds the field's real box (a ring, not a far-off box of the same size). */
async function ringAroundField(page: Page, fieldBox = customerFieldBox): Promise<boolean> {
  const ring = await page.locator('[data-testid="tsunagi-highlight"]:not([hidden])').evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
  });
  const field = await fieldBox(page);
  const around = (inner: number, outer: number) => outer <= inner && inner - outer <= 16;
  return (
    around(field.left, ring.left) &&
    around(field.top, ring.top) &&
    around(ring.left + ring.width, field.left + field.width) &&
    around(ring.top + ring.height, field.top + field.height)
  );
}

describe('pointer and highlight into a same-origin frame', () => {
  let server: TestServer;
  let customerBrowser: TestBrowser;
  let agentBrowser: TestBrowser;
  let customer: Page;
  let agent: Page;
  let sessionId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    [customerBrowser, agentBrowser] = await Promise.all([
      launchBrowser({ viewport: { width: 1200, height: 900 } }),
      launchBrowser({ viewport: { width: 1440, height: 1000 } }),
    ]);
    customer = await customerBrowser.context.newPage();
    agent = await agentBrowser.context.newPage();
  });

  afterAll(async () => {
    await customerBrowser?.close();
    await agentBrowser?.close();
    await server?.destroy();
  });

  it('the customer shares the change page; the agent sees the address frame', async () => {
    await customer.goto(`${server.url}/change/`);
    await customer.frameLocator(`#${FRAME}`).locator(FIELD).waitFor();
    const code = await askForHelpAndReadCode(customer);

    await signIn(agent, server.url, 'agent1');
    await joinByCode(agent, code);
    sessionId = (await agent.getByTestId('live-view').getAttribute('data-session-id'))!;
    await expect.poll(() => replayText(agent)).toContain('ご住所・お支払いカードの変更');
    expect(await agent.getByTestId('guide-bar').getAttribute('data-mode')).toBe('guide');
  });

  it("the pointer names the field inside the frame and lands on it in the customer's page", async () => {
    await customer.frameLocator(`#${FRAME}`).locator(FIELD).scrollIntoViewIfNeeded();
    await replayScrolledAsCustomer(agent, customer);
    const at = await settledAgentFieldPoint(agent, 0.25, 0.5);
    await agent.mouse.move(at.x - 30, at.y - 30);
    await agent.mouse.move(at.x, at.y, { steps: 4 });

    const pointer = customer.locator('[data-testid="tsunagi-pointer"]:not([hidden])');
    await pointer.waitFor({ state: 'attached' });
    const nodeId = Number(await pointer.getAttribute('data-node'));
    // The field's own id, as the customer's recorder gave it and the server stored it — not the iframe's.
    const batches = await server.storage.db.selectFrom('event_batches').select('events').where('session_id', '=', sessionId).orderBy('id').execute();
    expect(findStoredNode(batches, nodeId)?.attributes?.id).toBe('address-line');
    // Drawn where the field really is in the customer's top viewport, a quarter into it.
    await expect.poll(() => pointerError(customer, 0.25, 0.5)).toBeLessThan(TOLERANCE);
    // Outside the frame's own viewport coordinates: the frame's offset is really in it.
    const frameTop = await customer.locator(`#${FRAME}`).evaluate((frame) => frame.getBoundingClientRect().top);
    expect(frameTop).toBeGreaterThan(50);
    await customer.screenshot({ path: `${SHOTS}/1-pointer-in-frame-customer.png` });
    await agent.screenshot({ path: `${SHOTS}/1-pointer-in-frame-agent.png` });
  });

  it('the pointer follows when the customer scrolls the page', async () => {
    const before = await customerFieldBox(customer);
    await customer.evaluate(() => window.scrollBy(0, 80));
    await expect.poll(async () => (await customerFieldBox(customer)).top).not.toBe(before.top);
    await expect.poll(() => pointerError(customer, 0.25, 0.5)).toBeLessThan(TOLERANCE);
  });

  it('the pointer follows when the customer scrolls inside the frame', async () => {
    // A short frame, so its own document scrolls.
    await customer.locator(`#${FRAME}`).evaluate((frame) => ((frame as HTMLIFrameElement).style.height = '260px'));
    const address = customer.frames().find((f) => new URL(f.url()).pathname === '/embed/address/')!;
    await address.evaluate((selector) => document.querySelector(selector)!.scrollIntoView({ block: 'start' }), FIELD);
    await address.evaluate(() => window.scrollBy(0, -20));
    const frameScroll = await address.evaluate(() => Math.round(window.scrollY));
    expect(frameScroll).toBeGreaterThan(0);
    // Point again once the replay has the frame's new size and scroll (a field
    // that merely stopped moving may not have moved yet), then scroll the frame only.
    await expect.poll(() => replayFrameScrollY(agent)).toBe(frameScroll);
    const at = await settledAgentFieldPoint(agent, 0.5, 0.5);
    await agent.mouse.move(at.x + 3, at.y, { steps: 2 });
    await agent.mouse.move(at.x, at.y, { steps: 2 });
    await expect.poll(() => pointerError(customer, 0.5, 0.5)).toBeLessThan(TOLERANCE);
    const inFrameBefore = await address.evaluate((selector) => document.querySelector(selector)!.getBoundingClientRect().top, FIELD);
    await address.evaluate(() => window.scrollBy(0, 15));
    await expect
      .poll(() => address.evaluate((selector) => document.querySelector(selector)!.getBoundingClientRect().top, FIELD))
      .not.toBe(inFrameBefore);
    await expect.poll(() => pointerError(customer, 0.5, 0.5)).toBeLessThan(TOLERANCE);
    await customer.screenshot({ path: `${SHOTS}/2-pointer-after-frame-scroll-customer.png` });
  });

  it('a click highlights the field inside the frame on both screens', async () => {
    const at = await settledAgentFieldPoint(agent, 0.5, 0.5);
    await clickHighlightsTheSameNode(agent, customer, at);
    await expect.poll(() => ringAroundField(customer)).toBe(true);
    await customer.screenshot({ path: `${SHOTS}/3-highlight-in-frame-customer.png` });

    // The page scrolls: the ring stays around the field.
    await customer.evaluate(() => window.scrollBy(0, -40));
    await expect.poll(() => ringAroundField(customer)).toBe(true);
  });

  it("over the cross-origin card frame, the pointer names the card-number field inside it and lands on it in the customer's page", async () => {
    // The card form is recorded by the frame's own widget; the customer's top
    // page maps the field's id back to the frame and asks the frame's widget
    // where the field is.
    await customer.locator(`#${CARD_FRAME}`).scrollIntoViewIfNeeded();
    await replayScrolledAsCustomer(agent, customer);
    const at = await settled(agent, `${CARD_FIELD} in #${CARD_FRAME}`, () => agentFieldPoint(agent, 0.25, 0.5, CARD_FRAME, CARD_FIELD));
    await agent.mouse.move(at.x - 20, at.y - 20);
    await agent.mouse.move(at.x, at.y, { steps: 4 });

    const pointer = customer.locator('[data-testid="tsunagi-pointer"]:not([hidden])');
    await pointer.waitFor({ state: 'attached' });
    // The field's id as the customer's recorder remapped it and the server stored it — not the frame's.
    const storedId = async () => {
      const nodeId = Number(await pointer.getAttribute('data-node'));
      const batches = await server.storage.db.selectFrom('event_batches').select('events').where('session_id', '=', sessionId).orderBy('id').execute();
      return findStoredNode(batches, nodeId)?.attributes?.id;
    };
    await expect.poll(storedId).toBe('pay-number');
    // Drawn where the field really is in the customer's top viewport, a quarter into it.
    await expect.poll(() => pointerError(customer, 0.25, 0.5, customerCardFieldBox)).toBeLessThan(TOLERANCE);
    await customer.screenshot({ path: `${SHOTS}/4-pointer-in-cross-origin-frame-customer.png` });
  });

  it('the pointer on the field in the cross-origin frame follows when the customer scrolls the page, and the frame', async () => {
    const before = await customerCardFieldBox(customer);
    await customer.evaluate(() => window.scrollBy(0, -60));
    await expect.poll(async () => (await customerCardFieldBox(customer)).top).not.toBe(before.top);
    await expect.poll(() => pointerError(customer, 0.25, 0.5, customerCardFieldBox)).toBeLessThan(TOLERANCE);

    // A short card frame, so its own document scrolls: the frame's widget reports the move.
    await customer.locator(`#${CARD_FRAME}`).evaluate((frame) => ((frame as HTMLIFrameElement).style.height = '220px'));
    const card = customer.frames().find((f) => new URL(f.url()).pathname === '/embed/card/')!;
    // The frame runs in another process: its viewport shrinks a moment later.
    await expect.poll(() => card.evaluate(() => innerHeight)).toBeLessThan(230);
    await card.evaluate((selector) => document.querySelector(selector)!.scrollIntoView({ block: 'start' }), CARD_FIELD);
    await card.evaluate(() => window.scrollBy(0, -30));
    await expect.poll(() => card.evaluate(() => Math.round(window.scrollY))).toBeGreaterThan(0);
    const cardScroll = await card.evaluate(() => Math.round(window.scrollY));
    await expect.poll(() => replayFrameScrollY(agent, CARD_FRAME)).toBe(cardScroll);
    const at = await settled(agent, `${CARD_FIELD} in #${CARD_FRAME}`, () => agentFieldPoint(agent, 0.5, 0.5, CARD_FRAME, CARD_FIELD));
    await agent.mouse.move(at.x + 3, at.y, { steps: 2 });
    await agent.mouse.move(at.x, at.y, { steps: 2 });
    await expect.poll(() => pointerError(customer, 0.5, 0.5, customerCardFieldBox)).toBeLessThan(TOLERANCE);
    const inFrameBefore = await card.evaluate((selector) => document.querySelector(selector)!.getBoundingClientRect().top, CARD_FIELD);
    await card.evaluate(() => window.scrollBy(0, 25));
    await expect.poll(() => card.evaluate((selector) => document.querySelector(selector)!.getBoundingClientRect().top, CARD_FIELD)).not.toBe(inFrameBefore);
    await expect.poll(() => pointerError(customer, 0.5, 0.5, customerCardFieldBox)).toBeLessThan(TOLERANCE);
  });

  it('a click rings the card-number field inside the cross-origin frame, not the whole frame', async () => {
    const at = await settled(agent, `${CARD_FIELD} in #${CARD_FRAME}`, () => agentFieldPoint(agent, 0.5, 0.5, CARD_FRAME, CARD_FIELD));
    const theirs = await clickHighlightsTheSameNode(agent, customer, at);
    await expect.poll(() => ringAroundField(customer, customerCardFieldBox)).toBe(true);
    // A field's ring, far smaller than the frame's box.
    const ring = (await theirs.boundingBox())!;
    const frame = (await customer.locator(`#${CARD_FRAME}`).boundingBox())!;
    expect(ring.height).toBeLessThan(frame.height / 2);
    await customer.screenshot({ path: `${SHOTS}/4-highlight-in-cross-origin-frame-customer.png` });

    // The page scrolls: the ring stays around the field.
    await customer.evaluate(() => window.scrollBy(0, 30));
    await expect.poll(() => ringAroundField(customer, customerCardFieldBox)).toBe(true);
  });

  it("after the page takes a fresh full snapshot, the frames in the agent's view are scrolled as the customer's", async () => {
    const card = customer.frames().find((f) => new URL(f.url()).pathname === '/embed/card/')!;
    const address = customer.frames().find((f) => new URL(f.url()).pathname === '/embed/address/')!;
    const scrolls = () => Promise.all([address.evaluate(() => Math.round(scrollY)), card.evaluate(() => Math.round(scrollY))]);
    const [addressY, cardY] = await scrolls();
    // Both frames are scrolled by the steps before (else this would prove nothing).
    expect(addressY).toBeGreaterThan(0);
    expect(cardY).toBeGreaterThan(0);
    const replayed = (mark: boolean) =>
      agent.evaluate(
        ({ ids, mark }) =>
          ids.map((id) => {
            const replay = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe');
            const frame = replay?.contentDocument?.getElementById(id) as (HTMLIFrameElement & { tsunagiMark?: boolean }) | null | undefined;
            if (!frame?.contentWindow) return { y: -1, old: false };
            if (mark) frame.tsunagiMark = true;
            return { y: Math.round(frame.contentWindow.scrollY), old: frame.tsunagiMark === true };
          }),
        { ids: [FRAME, CARD_FRAME], mark },
      );
    await expect.poll(async () => (await replayed(true)).map((r) => r.y)).toEqual([addressY, cardY]);
    // As when a supervisor starts watching: the customer's page records itself anew.
    server.app.io.of('/customer').emit('snapshot:request', {});
    // The replay rebuilt both frames (new elements), and shows them where the customer has them.
    await expect.poll(async () => (await replayed(false)).map((r) => (r.old ? 'old' : r.y)), { timeout: 10_000 }).toEqual([addressY, cardY]);
  });

  it("when the frame's widget does not answer, the pointer and the ring fall back to the frame element", async () => {
    // The pointer and the ring of the field go first (their watches end).
    await agent.mouse.move(5, 5);
    await customer.locator('[data-testid="tsunagi-highlight"]:not([hidden])').waitFor({ state: 'detached', timeout: 10_000 });
    await customer.locator('[data-testid="tsunagi-pointer"]:not([hidden])').waitFor({ state: 'detached', timeout: 10_000 });
    // The card frame's widget can no longer answer (as if it were an older one, or gone): to it,
    // `parent` is a window that is not the sender of the watches, and swallows what it posts.
    const card = customer.frames().find((f) => new URL(f.url()).pathname === '/embed/card/')!;
    await card.evaluate(() => {
      (window as unknown as { realParent: PropertyDescriptor }).realParent = Object.getOwnPropertyDescriptor(window, 'parent')!;
      Object.defineProperty(window, 'parent', { value: { postMessage: () => {} }, configurable: true });
    });
    const at = await settled(agent, `${CARD_FIELD} in #${CARD_FRAME}`, () => agentFieldPoint(agent, 0.5, 0.5, CARD_FRAME, CARD_FIELD));
    await agent.mouse.move(at.x, at.y, { steps: 4 });
    const frameBox = () =>
      customer.locator(`#${CARD_FRAME}`).evaluate((frame) => {
        const rect = frame.getBoundingClientRect();
        return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
      });
    // Over the frame, at the same fractions of the frame's box.
    await expect.poll(() => pointerError(customer, 0.5, 0.5, frameBox)).toBeLessThan(TOLERANCE);
    await agent.mouse.click(at.x, at.y);
    await expect.poll(() => ringAroundField(customer, frameBox)).toBe(true);

    await card.evaluate(() => Object.defineProperty(window, 'parent', (window as unknown as { realParent: PropertyDescriptor }).realParent));
    expect(await card.evaluate(() => window.parent === window.top)).toBe(true);
    // Back to the address frame, at its full height, where the tests below work.
    await customer.locator(`#${CARD_FRAME}`).evaluate((frame) => ((frame as HTMLIFrameElement).style.height = ''));
    await customer.frameLocator(`#${FRAME}`).locator(FIELD).scrollIntoViewIfNeeded();
  });

  it("from the keyboard only: the navigator steps into the frame, says so, and highlights and points at the field there", async () => {
    // The mouse leaves the replay, and the last highlight fades: what follows is the keyboard's.
    await agent.mouse.move(5, 5);
    await customer.locator('[data-testid="tsunagi-highlight"]:not([hidden])').waitFor({ state: 'detached', timeout: 10_000 });

    await tabTo(agent, 'guide-navigator');
    await agent.keyboard.press('Home');
    // F from field to field, out of the page into the frame: its fields come after the frame, said to be in it.
    const said = await pressUntilSaid(agent, 'f', '番地・建物名');
    expect(said).toContain('入力欄「番地・建物名');
    expect(said).toContain('埋め込み画面「新しいご住所の入力」の中');
    const nodeId = await navNode(agent);
    const batches = await server.storage.db.selectFrom('event_batches').select('events').where('session_id', '=', sessionId).orderBy('id').execute();
    expect(findStoredNode(batches, nodeId)?.attributes?.id).toBe('address-line');
    // The console's ring sits over the field inside the replayed frame.
    const ring = (await agent.getByTestId('guide-focus').boundingBox())!;
    const at = await settledAgentFieldPoint(agent, 0.5, 0.5);
    expect(at.x).toBeGreaterThan(ring.x);
    expect(at.x).toBeLessThan(ring.x + ring.width);
    expect(at.y).toBeGreaterThan(ring.y);
    expect(at.y).toBeLessThan(ring.y + ring.height);
    await agent.screenshot({ path: `${SHOTS}/4-navigator-in-frame-agent.png` });
    expect(await axeViolations(agent)).toEqual([]);

    await agent.keyboard.press('Enter');
    const theirs = customer.locator('[data-testid="tsunagi-highlight"]:not([hidden])');
    await theirs.waitFor({ state: 'attached' });
    expect(Number(await theirs.getAttribute('data-node'))).toBe(nodeId);
    await expect.poll(() => ringAroundField(customer)).toBe(true);
    await customer.screenshot({ path: `${SHOTS}/4-navigator-highlight-customer.png` });

    await agent.keyboard.press('p');
    const pointer = customer.locator('[data-testid="tsunagi-pointer"]:not([hidden])');
    await expect.poll(async () => Number(await pointer.getAttribute('data-node'))).toBe(nodeId);
    await expect.poll(() => pointerError(customer, 0.5, 0.5)).toBeLessThan(TOLERANCE);
    await agent.keyboard.press('p');
    await pointer.waitFor({ state: 'detached' });
    expect(await spoken(agent)).toBe('ポインターを消しました。');

    // The card form after it is a cross-origin frame: shown in the replay, but its fields are no stops
    // (the customer's page could not find them to highlight).
    expect(await replayText(agent)).toContain('ほしぞらペイメント');
    const rest: string[] = [];
    for (let i = 0; i < 30 && !rest.includes('この先に入力欄はありません。'); i++) {
      await agent.keyboard.press('f');
      rest.push(await spoken(agent));
    }
    expect(rest).toContain('この先に入力欄はありません。');
    expect(rest.filter((words) => /カード|有効期限|セキュリティコード/.test(words))).toEqual([]);
  });

  it('from the keyboard, with control granted: Enter on the field inside the frame is refused at once, nothing scrolls', async () => {
    await tabTo(agent, 'control-request', 'Shift+Tab');
    await agent.keyboard.press('Enter');
    await agent.waitForSelector('[data-testid="control-state"][data-state="requested"]');
    await customer.getByTestId('tsunagi-control-allow').click();
    await agent.waitForSelector('[data-testid="guide-bar"][data-mode="control"]');
    await expect.poll(() => focusedTestId(agent)).toBe('guide-navigator');

    // The customer scrolls the frame out of their view: acting on a field would scroll their page to it first.
    await customer.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await pressUntilSaid(agent, 'Shift+F', '番地・建物名');
    await expect.poll(() => agent.getByTestId('guide-nav-caption').textContent()).toContain('お客様の表示範囲より上');
    const address = customer.frames().find((f) => new URL(f.url()).pathname === '/embed/address/')!;
    const scrolls = () => Promise.all([customer.evaluate(() => scrollY), address.evaluate(() => scrollY)]);
    const before = await scrolls();
    await agent.keyboard.press('Enter');
    await agent.waitForSelector('[data-testid="guide-notice"][data-kind="in_frame"]');
    expect(await agent.getByTestId('control-editor').count()).toBe(0);
    expect(await focusedTestId(agent)).toBe('guide-navigator');
    await agent.waitForTimeout(500); // a scroll would be on its way by now
    expect(await scrolls()).toEqual(before);
    expect(await customer.frameLocator(`#${FRAME}`).locator(FIELD).inputValue()).toBe('');
    expect(await axeViolations(agent)).toEqual([]);
  });
  it('with control granted, a click over the cross-origin card frame is refused in the console: control stops at the frame', async () => {
    // The pointer and highlight reach the frame's fields, remote control does
    // not: the customer's page could not act inside another origin's document.
    await agent.locator('.guide-notice-close').click();
    await agent.getByTestId('guide-notice').waitFor({ state: 'detached' });
    await customer.locator(`#${CARD_FRAME}`).scrollIntoViewIfNeeded();
    await replayScrolledAsCustomer(agent, customer);
    const at = await settledAgentFramePoint(agent, CARD_FRAME, 0.5, 0.3);
    const controlMarkers = async () => {
      const batches = await server.storage.db.selectFrom('event_batches').select('events').where('session_id', '=', sessionId).execute();
      return batches.flatMap((row) => JSON.parse(row.events) as { type: number; data: { tag?: string } }[]).filter((event) => event.type === 5 && event.data.tag === 'tsunagi:control').length;
    };
    const before = await controlMarkers();
    await agent.mouse.click(at.x, at.y);
    await agent.waitForSelector('[data-testid="guide-notice"][data-kind="in_frame"]');
    expect(await agent.getByTestId('control-editor').count()).toBe(0);
    await agent.waitForTimeout(500); // an action would have been recorded by now
    expect(await controlMarkers()).toBe(before);
    await agent.screenshot({ path: `${SHOTS}/5-control-over-cross-origin-frame-agent.png` });
  });
});
