/**
 * Entry of the widget's sharing chunk, loaded by widget.js (the loader, see
 * loader/launcher.ts) only when sharing starts or a page load finds a
 * session to rejoin. Everything heavy is behind it: rrweb's recorder, the
 * Socket.IO transport, the shared schemas, guidance.
 */
import { WidgetController, type ControllerEnv } from './controller.ts';

export type { ControllerEnv } from './controller.ts';
export type { WidgetController };

/**
 * Takes over from the loader. `resume`: rejoin the stored session (or show
 * the help button if it is not one). `agree`: the customer agreed in the
 * loader's dialog; create the session now.
 */
export function takeOver(env: ControllerEnv, mode: 'resume' | 'agree'): WidgetController {
  const controller = new WidgetController(env);
  controller.init(mode === 'resume');
  if (mode === 'agree') void controller.createAndShare();
  return controller;
}
