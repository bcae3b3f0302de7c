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
