import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { ControlAction } from '@tsunagi/shared';
import { isSendKey } from '../../../lib/guidance/ime.ts';
import { throttle } from '../../../lib/guidance/throttle.ts';
import { useI18n } from '../../app/messages.ts';
import type { TrackedBox } from './use-tracked-box.ts';

export interface EditorTarget {
  nodeId: number;
  kind: 'text' | 'textarea' | 'select';
  /** The field's value as the replay showed it when the agent clicked. */
  value: string;
  options: { value: string; label: string }[];
  /** The replayed field's font size in the customer's pixels. */
  fontSize: number;
}

/** Why the editor closes: the agent is done with it (Esc, a choice made), or went elsewhere. */
export type EditorCloseReason = 'done' | 'blur';

/** Typing is sent at most this often; each message carries the whole value, so none is lost. */
const INPUT_INTERVAL_MS = 80;

/**
 * Where the agent types in remote control. The replay iframe is a sandboxed
 * copy that takes no input, so the console opens a real field of its own
 * exactly over the replayed one: the agent sees a caret and their text at
 * once, the input method (IME) works as anywhere else, and every change is
 * sent as `input` with the field's whole value. The customer's page applies
 * it, and the replay underneath catches up. A drop-down gets a real
 * <select> with the replayed options, sent as `select`.
 */
export function ControlEditor({
  target,
  tracked,
  act,
  onClose,
}: {
  target: EditorTarget;
  tracked: TrackedBox;
  act: (action: ControlAction) => void;
  onClose: (reason: EditorCloseReason) => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(target.value);
  const lastSent = useRef(target.value);
  const selectRef = useRef<HTMLSelectElement>(null);
  const { nodeId } = target;
  const sender = useMemo(
    () =>
      throttle((next: string) => {
        if (next === lastSent.current) return;
        lastSent.current = next;
        act({ kind: 'input', nodeId, value: next });
      }, INPUT_INTERVAL_MS),
    [act, nodeId],
  );
  // Whatever is still pending goes out when the editor closes.
  useEffect(() => () => sender.flush(), [sender]);
  // A drop-down opens its list at once, as the click on the replayed one would have.
  useEffect(() => {
    try {
      selectRef.current?.showPicker();
    } catch {
      // No user activation left, or no showPicker: the focused select opens with a click or Alt+↓.
    }
  }, []);

  const { box, scale } = tracked;
  const style: CSSProperties = {
    left: box.left,
    top: box.top,
    width: Math.max(box.width, 140),
    minHeight: Math.max(box.height, 30),
    fontSize: Math.max(13, Math.round(target.fontSize * scale)),
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose('done');
      return;
    }
    const enter = isSendKey({
      key: event.key,
      shiftKey: event.shiftKey,
      isComposing: event.nativeEvent.isComposing,
      keyCode: event.keyCode,
    });
    if (target.kind === 'text' && enter) {
      // Enter in a one-line field submits its form on the customer's page.
      event.preventDefault();
      sender.flush();
      act({ kind: 'key', nodeId, key: 'Enter' });
    }
  };

  if (target.kind === 'select') {
    return (
      <div className="control-editor" style={style}>
        <select
          ref={selectRef}
          autoFocus
          className="control-editor-field"
          data-testid="control-select"
          aria-label={t.control.selectLabel}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            act({ kind: 'select', nodeId, value: event.target.value });
            onClose('done');
          }}
          onKeyDown={onKeyDown}
          onBlur={() => onClose('blur')}
        >
          {target.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    );
  }

  const common = {
    autoFocus: true,
    className: 'control-editor-field',
    'data-testid': 'control-editor',
    'aria-label': t.control.editorLabel,
    'aria-describedby': 'control-editor-hint',
    value,
    onKeyDown,
    onBlur: () => onClose('blur'),
    onCompositionEnd: (event: { currentTarget: { value: string } }) => sender.push(event.currentTarget.value),
    onChange: (event: { target: { value: string }; nativeEvent: Event }) => {
      setValue(event.target.value);
      // Mid-conversion text (unconfirmed kana) stays here until the IME commits it.
      if (!(event.nativeEvent as InputEvent).isComposing) sender.push(event.target.value);
    },
  };
  return (
    <div className="control-editor" style={style}>
      {target.kind === 'textarea' ? <textarea {...common} rows={3} /> : <input {...common} type="text" />}
      <span className="control-editor-hint" id="control-editor-hint">
        {t.control.editorHint}
      </span>
    </div>
  );
}
