import type { WidgetState } from '../session/state.ts';
import { codeScreen, consentScreen, launcherScreen, noticeScreen, sharingScreen, type Screen, type ScreenActions } from './screens.ts';
import type { Strings } from './strings.ts';

/** Builds the screen for a state. */
export type ScreenSet = (state: WidgetState, t: Strings, actions: ScreenActions) => Screen;

/**
 * The loader's screens: the help button, the consent dialog, and the notice
 * for a start that failed (say, the sharing code could not be fetched).
 * Nothing else is shown before the sharing code is loaded.
 */
export const loaderScreens: ScreenSet = (state, t, actions) => {
  switch (state.kind) {
    case 'consenting':
      return consentScreen(t, actions);
    case 'error':
      return noticeScreen(t, actions, 'error');
    default:
      return launcherScreen(t, actions);
  }
};

/** Every screen: what the sharing controller shows. */
export const allScreens: ScreenSet = (state, t, actions) => {
  switch (state.kind) {
    case 'idle':
      return launcherScreen(t, actions);
    case 'consenting':
      return consentScreen(t, actions);
    case 'waiting':
      return codeScreen(t, actions);
    case 'active':
      return sharingScreen(t, actions);
    case 'ended':
      return noticeScreen(t, actions, 'ended');
    case 'error':
      return noticeScreen(t, actions, 'error');
  }
};
