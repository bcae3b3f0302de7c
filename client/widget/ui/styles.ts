/**
 * The widget's CSS, inside its shadow root so the page's styles cannot reach
 * it and it cannot reach the page: here what the loader shows (help button,
 * consent dialog, notices), `sharingCss` below the rest. Sizes in px: some sites set the root font
 * size to 10px, and the widget must stay large for elderly customers
 * (browser zoom still scales px).
 *
 * Colours (all ≥ 4.5:1 on their background): text #1a1a1a and #3d3d3d on
 * white; white on primary #0b4f8a (8.4:1) and on stop-red #a4161a (7.8:1);
 * primary text on white; warning text #5c3b00 on #fff4d6.
 */
export const css = `
:host { all: initial; }
/* Page rules such as \`* { letter-spacing: … }\` still match the host and would be
   inherited; resetting here, inside the shadow root, is out of the page's reach. */
.root {
  all: initial;
  display: block;
  word-break: auto-phrase;
  font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, system-ui, sans-serif;
  font-size: 18px;
  line-height: 1.6;
  color: #1a1a1a;
  -webkit-text-size-adjust: 100%;
}
*, *::before, *::after { box-sizing: border-box; }
h2, h3, p, ul { margin: 0; }
ul { padding: 0; list-style: none; }

button {
  font: inherit;
  font-weight: 700;
  cursor: pointer;
  min-height: 52px;
  min-width: 48px;
  padding: 10px 20px;
  border-radius: 10px;
  border: 2px solid #0b4f8a;
  line-height: 1.4;
}
button:focus { outline: none; }
/* Black ring with a white inner and a yellow outer halo: visible on any background. */
button:focus-visible {
  outline: 3px solid #1a1a1a;
  outline-offset: 2px;
  box-shadow: 0 0 0 2px #ffffff, 0 0 0 8px #ffc20e;
}
/* Headings receive focus only programmatically (to start reading there); they are not controls. */
[tabindex="-1"]:focus { outline: none; }
.primary { background: #0b4f8a; color: #ffffff; }
.primary:hover { background: #083b68; border-color: #083b68; }
.secondary { background: #ffffff; color: #0b4f8a; }
.secondary:hover { background: #e8f0f8; }
.danger { background: #a4161a; border-color: #a4161a; color: #ffffff; }
.danger:hover { background: #7f1013; border-color: #7f1013; }
[aria-disabled="true"] { cursor: progress; }

.launcher {
  position: fixed;
  right: 16px;
  bottom: 16px;
  display: inline-flex;
  align-items: center;
  gap: 10px;
  min-height: 56px;
  padding: 12px 24px 12px 18px;
  border-radius: 999px;
  border: 2px solid #ffffff;
  background: #0b4f8a;
  color: #ffffff;
  font-size: 18px;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.35);
}
.launcher:hover { background: #083b68; }
.launcher svg { flex: none; }

.backdrop {
  position: fixed;
  inset: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  padding: 16px;
  background: rgba(0, 0, 0, 0.6);
}
/* The text scrolls, the buttons never do: they must stay in view on small screens. */
.dialog {
  display: flex;
  flex-direction: column;
  width: min(600px, 100%);
  max-height: calc(100vh - 32px);
  max-height: calc(100dvh - 32px);
  background: #ffffff;
  border-radius: 16px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.4);
  border: 2px solid transparent;
  overflow: hidden;
}
.dialog-body { overflow-y: auto; padding: 24px 28px 8px; }
.dialog h2 { font-size: 23px; line-height: 1.4; margin-bottom: 6px; }
.dialog h3 { font-size: 19px; margin: 16px 0 6px; }
.items li { display: flex; gap: 12px; align-items: flex-start; padding: 4px 0; }
.items .mark { flex: none; font-weight: 700; width: 28px; height: 28px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center; color: #ffffff; margin-top: 1px; }
.items .sub { display: block; font-size: 16px; color: #3d3d3d; }
.yes .mark { background: #1b6e20; }
.no .mark { background: #a4161a; }
.note { margin-top: 16px; color: #3d3d3d; }
.dialog-footer { padding: 12px 28px 24px; border-top: 1px solid #d0d7de; }
.actions { display: flex; flex-wrap: wrap; gap: 12px; }
.actions button { flex: 1 1 200px; }
.busy { margin-bottom: 12px; font-weight: 700; color: #0b4f8a; }
.busy:empty { margin: 0; }

.panel {
  position: fixed;
  right: 16px;
  bottom: 16px;
  width: min(400px, calc(100vw - 32px));
  max-height: calc(100vh - 32px);
  overflow: auto;
  background: #ffffff;
  border: 2px solid #0b4f8a;
  border-radius: 14px;
  padding: 20px;
  box-shadow: 0 8px 28px rgba(0, 0, 0, 0.3);
}
.panel h2 { font-size: 20px; line-height: 1.4; }
.panel p { margin-top: 6px; }
.panel .muted { color: #3d3d3d; font-size: 16px; }
.panel button { width: 100%; margin-top: 16px; }
.sr-only {
  position: absolute;
  width: 1px;
  height: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip: rect(0, 0, 0, 0);
  white-space: nowrap;
  border: 0;
}
@media (max-width: 480px) {
  .dialog-body { padding: 20px 20px 8px; }
  .dialog-footer { padding: 12px 20px 20px; }
}
@media (forced-colors: active) {
  .panel, .dialog, button, .launcher { border: 2px solid CanvasText; }
  .items .mark { forced-color-adjust: none; }
}
`;

/**
 * The screens shown while sharing (the join code, the sharing bar): added by
 * the sharing controller, so the loader on every page view does not carry them.
 */
export const sharingCss = `
.code {
  margin: 12px 0 4px;
  text-align: center;
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono", monospace;
  font-size: 48px;
  font-weight: 700;
  line-height: 1.2;
  letter-spacing: 0.12em;
  color: #0b4f8a;
  font-variant-numeric: tabular-nums;
}
.code .gap { display: inline-block; width: 0.5em; }
.code.pending { font-size: 20px; letter-spacing: normal; font-family: inherit; color: #3d3d3d; }
.live { display: flex; align-items: center; gap: 10px; }
.phrase { display: inline-block; }
.dot { flex: none; width: 14px; height: 14px; border-radius: 50%; background: #a4161a; box-shadow: 0 0 0 3px #f6d5d6; }
.viewers { margin-top: 10px; font-size: 16px; color: #3d3d3d; }
.viewers li { padding: 2px 0; }
.offline { margin-top: 12px; padding: 8px 12px; border-radius: 8px; background: #fff4d6; color: #5c3b00; font-size: 16px; font-weight: 700; }
.offline:empty { display: none; }
@media (max-width: 480px) {
  .code { font-size: 40px; }
}
@media (forced-colors: active) {
  .dot { forced-color-adjust: none; }
}
`;
