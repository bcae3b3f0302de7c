import type { ControlState } from '@tsunagi/shared';

export type ControlChange = 'granted' | 'declined' | 'revoked' | null;

/**
 * What the agent should be told when the session's control state moves.
 * A move to 'off' that the agent asked for (release or cancel) needs no
 * words; one they did not ask for was the customer's answer.
 */
export function controlChange(previous: ControlState, next: ControlState, releasedByAgent: boolean): ControlChange {
  if (previous === next) return null;
  if (next === 'granted') return 'granted';
  if (next !== 'off' || releasedByAgent) return null;
  if (previous === 'requested') return 'declined';
  if (previous === 'granted') return 'revoked';
  return null;
}

export type GuideMode = 'view' | 'guide' | 'control';

/** The mode in force: remote control only while the customer grants it. */
export function effectiveMode(chosen: GuideMode, control: ControlState): GuideMode {
  return chosen === 'control' && control !== 'granted' ? 'guide' : chosen;
}
