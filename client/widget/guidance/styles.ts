/**
 * CSS of the guidance UI, added to the widget's shadow root next to the
 * base styles (ui/styles.ts), whose buttons, dialog and panel it builds on.
 *
 * Colours (≥ 4.5:1 on their background): pointer and ring #c2185b (5.9:1
 * on white, with a white edge for dark pages); white on #c2185b; control
 * banner text #5c3b00 on #fff4d6, white on #5c3b00 (10:1); chat text
 * #1a1a1a on #f1f4f8 and on #e4eef8.
 */
export const guidanceCss = `
.guides, .guides * { pointer-events: none; }
.guides [hidden], .guidance [hidden], .chat-badge[hidden] { display: none !important; }

.pointer {
  position: fixed;
  left: 0;
  top: 0;
  width: 0;
  height: 0;
  overflow: visible;
  will-change: transform;
}
.pointer-arrow { position: absolute; left: -2px; top: -2px; display: block; width: 34px; height: 34px; filter: drop-shadow(0 1px 2px rgba(0, 0, 0, 0.45)); }
.pointer-arrow svg { display: block; }
.pointer-label {
  position: absolute;
  left: 24px;
  top: 30px;
  padding: 2px 10px;
  border-radius: 999px;
  background: #c2185b;
  color: #ffffff;
  border: 2px solid #ffffff;
  font-size: 15px;
  font-weight: 700;
  line-height: 1.5;
  white-space: nowrap;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.4);
}

.highlight {
  position: fixed;
  left: 0;
  top: 0;
  border: 4px solid #c2185b;
  border-radius: 8px;
  box-shadow: 0 0 0 2px #ffffff, inset 0 0 0 2px #ffffff, 0 0 0 8px rgba(194, 24, 91, 0.25);
  opacity: 1;
  transition: opacity 600ms ease-out;
}
.highlight.fading { opacity: 0; }
@media (prefers-reduced-motion: no-preference) {
  .highlight.pulse { animation: tsunagi-pulse 900ms ease-out 2; }
}
@keyframes tsunagi-pulse {
  0% { box-shadow: 0 0 0 2px #ffffff, inset 0 0 0 2px #ffffff, 0 0 0 0 rgba(194, 24, 91, 0.55); }
  100% { box-shadow: 0 0 0 2px #ffffff, inset 0 0 0 2px #ffffff, 0 0 0 16px rgba(194, 24, 91, 0); }
}

.guidance { margin-top: 12px; }
.panel .guidance button { margin-top: 0; }
.chat-toggle { display: flex; align-items: center; justify-content: center; gap: 10px; width: 100%; }
.chat-badge {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-width: 28px;
  height: 28px;
  padding: 0 8px;
  border-radius: 999px;
  background: #c2185b;
  color: #ffffff;
  font-size: 16px;
  line-height: 1;
}
.chat-panel { margin-top: 12px; border-top: 1px solid #d0d7de; padding-top: 12px; }
.chat-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.chat-panel h3 { font-size: 18px; line-height: 1.4; }
.panel .chat-close {
  flex: none;
  width: 48px;
  min-width: 48px;
  min-height: 48px;
  margin: 0;
  padding: 0;
  font-size: 26px;
  line-height: 1;
  background: #ffffff;
  color: #0b4f8a;
}
.panel .chat-close:hover { background: #e8f0f8; }
/* Wide screens: the conversation opens beside the sharing bar, so the bar stays short
   and the top of the page (the site's own header and menus) stays free. */
@media (min-width: 900px) {
  .chat-panel {
    position: fixed;
    right: 432px;
    bottom: 16px;
    width: 380px;
    max-height: calc(100vh - 32px);
    overflow: auto;
    margin: 0;
    padding: 16px 20px 20px;
    background: #ffffff;
    border: 2px solid #0b4f8a;
    border-radius: 14px;
    box-shadow: 0 8px 28px rgba(0, 0, 0, 0.3);
  }
  .chat-list { max-height: min(360px, 45vh); }
}
.chat-empty { margin-top: 6px; color: #3d3d3d; font-size: 16px; }
.chat-list {
  margin: 8px 0 0;
  padding: 4px;
  list-style: none;
  max-height: min(220px, 30vh);
  overflow-y: auto;
  display: flex;
  flex-direction: column;
  gap: 8px;
  border-radius: 8px;
}
.chat-list:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.chat-msg { padding: 8px 12px; border-radius: 10px; background: #f1f4f8; max-width: 92%; }
.chat-msg.mine { align-self: flex-end; background: #e4eef8; }
.chat-msg.staff { align-self: flex-start; border-left: 4px solid #0b4f8a; }
.panel .chat-msg p { margin: 0; }
.chat-meta { font-size: 14px; color: #3d3d3d; }
.chat-author { font-weight: 700; color: #1a1a1a; }
.chat-text { white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; font-size: 17px; }
.chat-text a { color: #0b4f8a; text-decoration: underline; }
.chat-text a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.chat-form { margin-top: 10px; }
.chat-form label { display: block; font-weight: 700; font-size: 16px; }
.chat-form textarea {
  display: block;
  width: 100%;
  margin-top: 4px;
  min-height: 64px;
  max-height: 160px;
  resize: vertical;
  font: inherit;
  font-size: 17px;
  line-height: 1.5;
  padding: 8px 10px;
  color: #1a1a1a;
  background: #ffffff;
  border: 2px solid #5c6670;
  border-radius: 8px;
}
.chat-form textarea:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 2px #ffffff, 0 0 0 8px #ffc20e; }
.panel .chat-hint { margin-top: 4px; font-size: 14px; color: #3d3d3d; }
.chat-row { display: flex; align-items: center; justify-content: flex-end; gap: 12px; margin-top: 8px; }
.panel .chat-status { margin: 0; flex: 1; font-size: 15px; font-weight: 700; color: #a4161a; }
.panel .chat-row button { width: auto; margin-top: 0; min-width: 112px; }

.control-bar {
  margin-bottom: 12px;
  padding: 12px;
  border-radius: 10px;
  background: #fff4d6;
  color: #5c3b00;
  border: 2px solid #8a5a00;
}
.panel .control-line { margin: 0; display: flex; align-items: center; gap: 8px; font-size: 17px; }
.control-dot { flex: none; width: 12px; height: 12px; border-radius: 50%; background: #c2185b; box-shadow: 0 0 0 3px #f8d3e1; }
.control-hint { display: block; font-size: 15px; margin-top: 2px; }
.panel .control-stop { margin-top: 10px; width: 100%; background: #5c3b00; border-color: #5c3b00; color: #ffffff; }
.panel .control-stop:hover { background: #3f2800; border-color: #3f2800; }
.control-items li { display: list-item; list-style: disc; margin-left: 1.4em; padding: 2px 0; }
.control-items { margin-top: 10px; }

@media (forced-colors: active) {
  .pointer-arrow svg path { fill: Highlight; stroke: Canvas; }
  .pointer-label, .chat-badge { forced-color-adjust: none; }
  .highlight { border-color: Highlight; }
  .control-bar { border: 2px solid CanvasText; }
}
`;
