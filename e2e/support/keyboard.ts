import type { Page } from 'playwright-core';

/**
 * The agent at the keyboard, as the keyboard-only tests drive the console:
 * where the focus is, what the element navigator's live region says, and
 * pressing a key until the focus or the words arrive.
 */

export const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
/** What the navigator's live region says now. */
export const spoken = async (page: Page) => ((await page.getByTestId('guide-nav-status').textContent()) ?? '').trim();
/** The rrweb node id of the element the navigator has chosen. */
export const navNode = async (page: Page) => Number(await page.getByTestId('guide-navigator').getAttribute('data-node-id'));

/** Presses `key` until the element with `testId` has focus (Tab order is the app's, not ours to count). */
export async function tabTo(page: Page, testId: string, key = 'Tab', most = 30): Promise<void> {
  for (let i = 0; i < most; i++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${testId}; focus is on ${await focusedTestId(page)}`);
}

/** Presses `key` in the navigator until what it says contains `text` — as an agent listening would. */
export async function pressUntilSaid(page: Page, key: string, text: string, most = 60): Promise<string> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(key);
    const said = await spoken(page);
    if (said.includes(text)) return said;
  }
  throw new Error(`${key} never reached “${text}”; last said “${await spoken(page)}”`);
}
