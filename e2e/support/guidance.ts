import type { Page } from 'playwright-core';

/**
 * Where an element of the customer's page is drawn on the agent's screen:
 * found by CSS selector in the replay iframe, mapped through the stage's CSS
 * scale. `fx`/`fy` pick a point inside its box (fractions).
 */
export function replayPoint(page: Page, selector: string, fx = 0.5, fy = 0.5): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ selector, fx, fy }) => {
      const iframe = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe');
      const element = iframe?.contentDocument?.querySelector(selector);
      if (!iframe || !element) throw new Error(`${selector} is not in the replay`);
      const box = element.getBoundingClientRect();
      const frame = iframe.getBoundingClientRect();
      const scale = frame.width / iframe.offsetWidth;
      return { x: frame.left + (box.left + box.width * fx) * scale, y: frame.top + (box.top + box.height * fy) * scale };
    },
    { selector, fx, fy },
  );
}

/** Whether the element is inside the replay's viewport (the customer scrolled it into view and the replay followed). */
export function replayShows(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const iframe = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe');
    const element = iframe?.contentDocument?.querySelector(selector);
    if (!iframe || !element) return false;
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= iframe.offsetHeight && box.height > 0;
  }, selector);
}

/**
 * Waits until the replay's page is scrolled where the customer's page is.
 * The replay follows a scroll some milliseconds later, so right after the
 * customer scrolls, the replay still shows the old position — steady, and
 * `settledReplayPoint` alone could settle on it. Call this after scrolling
 * the customer's page.
 */
export async function replayScrolledLike(agent: Page, customer: Page, timeoutMs = 10_000): Promise<void> {
  const theirs = await customer.evaluate(() => ({ x: scrollX, y: scrollY }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ours = await agent.evaluate(() => {
      const view = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe')?.contentWindow;
      return view ? { x: view.scrollX, y: view.scrollY } : null;
    });
    if (ours && Math.abs(ours.x - theirs.x) <= 1 && Math.abs(ours.y - theirs.y) <= 1) return;
    if (Date.now() > deadline) throw new Error(`the replay did not follow the customer's scroll to ${theirs.x},${theirs.y} (it shows ${ours ? `${ours.x},${ours.y}` : 'nothing'})`);
    await agent.waitForTimeout(50);
  }
}

/**
 * Like replayPoint, once the element is in the replay's viewport and has
 * stopped moving (the customer's page may scroll smoothly, and the replay
 * follows it event by event).
 */
export async function settledReplayPoint(page: Page, selector: string, fx = 0.5, fy = 0.5, timeoutMs = 10_000): Promise<{ x: number; y: number }> {
  const deadline = Date.now() + timeoutMs;
  let previous: { x: number; y: number } | null = null;
  for (;;) {
    if (await replayShows(page, selector)) {
      const point = await replayPoint(page, selector, fx, fy);
      if (previous && Math.abs(point.x - previous.x) < 0.5 && Math.abs(point.y - previous.y) < 0.5) return point;
      previous = point;
    } else {
      previous = null;
    }
    if (Date.now() > deadline) throw new Error(`${selector} did not settle in the replay`);
    await page.waitForTimeout(150);
  }
}

interface SerializedNode {
  id: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

/**
 * The node the customer's recorder named `id`, as the server stored it:
 * searched in full snapshots (type 2) and in nodes added by mutations
 * (type 3, source 0). Proves that a node id names the element we meant,
 * independently of the console and the widget.
 */
export function findStoredNode(batches: readonly { events: string }[], id: number): SerializedNode | null {
  const search = (node: SerializedNode | undefined): SerializedNode | null => {
    if (!node) return null;
    if (node.id === id) return node;
    for (const child of node.childNodes ?? []) {
      const found = search(child);
      if (found) return found;
    }
    return null;
  };
  let found: SerializedNode | null = null;
  for (const batch of batches) {
    for (const event of JSON.parse(batch.events) as { type: number; data: { node?: SerializedNode; source?: number; adds?: { node: SerializedNode }[] } }[]) {
      const hit =
        event.type === 2
          ? search(event.data.node)
          : event.type === 3 && event.data.source === 0
            ? (event.data.adds ?? []).map((add) => search(add.node)).find(Boolean) ?? null
            : null;
      // The latest snapshot wins: ids are per page load, and a later snapshot may renumber.
      if (hit) found = hit;
    }
  }
  return found;
}
