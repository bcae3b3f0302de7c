import type { Page } from 'playwright-core';

/** The agent's live view is rebuilt in rrweb's same-origin replay iframe. */
const REPLAY_IFRAME = '.replayer-wrapper iframe';

/** The text of the page as the agent's browser renders it. */
export const replayText = (page: Page): Promise<string> =>
  page.evaluate(
    (selector) => document.querySelector<HTMLIFrameElement>(selector)?.contentDocument?.body?.innerText ?? '',
    REPLAY_IFRAME,
  );

/** The values of every input in the agent's live view. */
export const replayInputs = (page: Page): Promise<string[]> =>
  page.evaluate(
    (selector) =>
      [...(document.querySelector<HTMLIFrameElement>(selector)?.contentDocument?.querySelectorAll('input') ?? [])].map(
        (input) => input.value,
      ),
    REPLAY_IFRAME,
  );

/**
 * Where the live replayer's clock stands now, in milliseconds on the clock
 * its timeline runs on (the server's, if the console measured it right).
 * The player records rrweb's timer at its start (`data-replay-clock` on
 * rrweb's wrapper) with this page's performance.now() at that moment
 * (`data-replay-clock-at`); the timer runs with performance.now(). Null
 * before the first frame.
 */
export const replayClock = (page: Page): Promise<number | null> =>
  page.evaluate(() => {
    const wrapper = document.querySelector<HTMLElement>('.replayer-wrapper');
    const clock = Number(wrapper?.dataset.replayClock);
    const at = Number(wrapper?.dataset.replayClockAt);
    return Number.isFinite(clock) && Number.isFinite(at) && clock > 0 ? clock + (performance.now() - at) : null;
  });
