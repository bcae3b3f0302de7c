import { WIDGET_HOST_TAG, WIDGET_UI_ATTR } from '../recording/masking.ts';
import { css } from './styles.ts';

export interface WidgetRoot {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Screen-reader announcements (persistent, so changes are always spoken). */
  announcer: HTMLElement;
  /** Where the current screen (launcher, dialog, panel) is rendered. */
  stage: HTMLElement;
}

/**
 * The host is a 0×0 fixed box: rrweb records a blocked element as a
 * placeholder of the same size, so on the agent's side it is empty and takes
 * no room. The visible UI is `position: fixed` inside the shadow root.
 * Inline `!important` keeps page CSS (e.g. `body > * { position: relative }`)
 * from moving or sizing the host.
 */
const HOST_STYLE: Record<string, string> = {
  position: 'fixed',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
  margin: '0',
  padding: '0',
  border: '0',
  overflow: 'visible',
  display: 'block',
  'z-index': '2147483647',
  transform: 'none',
  filter: 'none',
  contain: 'none',
  opacity: '1',
  visibility: 'visible',
};

export function createWidgetRoot(doc: Document): WidgetRoot {
  const host = doc.createElement(WIDGET_HOST_TAG);
  for (const [property, value] of Object.entries(HOST_STYLE)) host.style.setProperty(property, value, 'important');
  // Open, so tests can reach the UI. rrweb does observe open shadow roots even
  // of blocked hosts, and its `closest()`-based blocking stops at the shadow
  // boundary — hence the shadow root's children are created once here and
  // never change, and everything that does change lives under an element
  // marked WIDGET_UI_ATTR, which is in the recorder's blockSelector.
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const root = doc.createElement('div');
  root.className = 'root';
  root.setAttribute(WIDGET_UI_ATTR, '');
  const announcer = doc.createElement('div');
  announcer.className = 'sr-only';
  announcer.setAttribute('aria-live', 'polite');
  announcer.setAttribute('data-testid', 'tsunagi-announcer');
  const stage = doc.createElement('div');
  root.append(announcer, stage);
  shadow.append(style, root);
  return { host, shadow, announcer, stage };
}

/** (Re)attaches the host at the end of <body>; a site may have rewritten the body. */
export function ensureAttached(doc: Document, ui: WidgetRoot): void {
  if (!ui.host.isConnected && doc.body) doc.body.appendChild(ui.host);
}
