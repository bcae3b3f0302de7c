import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * The steps every co-browse journey starts with, on the demo site and in the
 * agent console. Each is one thing a person does, so a test still reads as
 * the story it tells: the customer asks for help, the agent signs in and
 * joins. What a test checks stays in the test.
 */

/**
 * The customer clicks the help button and agrees to share. The widget's UI is
 * in an open shadow root; Playwright's test-id locators pierce it.
 */
export async function askForHelp(customer: Page): Promise<void> {
  await customer.getByTestId('tsunagi-launcher').click();
  await customer.getByTestId('tsunagi-agree').click();
}

/** askForHelp, then the six-digit code the widget shows for the customer to read out to the agent. */
export async function askForHelpAndReadCode(customer: Page): Promise<string> {
  await askForHelp(customer);
  const code = customer.getByTestId('tsunagi-code');
  // The code arrives from the server after consent; until then the attribute is empty.
  await expect.poll(() => code.getAttribute('data-code')).toMatch(/^\d{6}$/);
  return (await code.getAttribute('data-code'))!;
}

/**
 * Opens the console's login screen, types `username` and `password` and
 * submits; waits for nothing after, so a test can check a refusal as well.
 */
export async function submitLogin(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/agent/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Signs in to the console as a seeded demo user (password `tsunagi-<name>`)
 * and waits for the console's socket: the queue, joining and monitoring all
 * go over it.
 */
export async function signIn(page: Page, base: string, username: string): Promise<void> {
  await submitLogin(page, base, username, `tsunagi-${username}`);
  await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]');
}

/** Waits until the live view plays the customer's page (rrweb has its first frame), not merely until it is on screen. */
export async function waitForLiveView(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="live-view"][data-replay-state="playing"]');
}

/** The agent joins with the code the customer read out, and waits for the live view. */
export async function joinByCode(agent: Page, code: string): Promise<void> {
  await agent.getByTestId('join-code-input').fill(code);
  await agent.getByTestId('join-code-submit').click();
  await waitForLiveView(agent);
}

/** The agent takes the first customer waiting in the queue, waits for the live view and returns its session id. */
export async function takeFirstInQueue(agent: Page): Promise<string> {
  await agent.getByTestId('queue-take').first().click();
  await waitForLiveView(agent);
  return (await agent.getByTestId('live-view').getAttribute('data-session-id'))!;
}
