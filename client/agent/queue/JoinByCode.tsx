import { useId, useState, type FormEvent } from 'react';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';
import { useI18n } from '../app/messages.ts';
import { isCompleteJoinCode, normalizeJoinCode } from './join-code.ts';

type JoinError = ClientErrorCode | 'incomplete';

/** The six-digit code the customer reads out over the phone. */
export function JoinByCode({ socket, onJoined }: { socket: AgentSocket; onJoined: (sessionId: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<JoinError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isCompleteJoinCode(code)) {
      setError('incomplete');
      return;
    }
    setBusy(true);
    setError(null);
    socket
      .request('session:join-code', { code })
      .then((session) => onJoined(session.sessionId))
      .catch((caught: unknown) => {
        setError(toRequestError(caught).code);
        setBusy(false);
      });
  };

  const inputId = `${id}-code`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel-header">
        <h2 id={`${id}-title`}>{t.join.title}</h2>
      </div>
      <form className="panel-body join-form" noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor={inputId}>{t.join.label}</label>
          <input
            id={inputId}
            className="join-input"
            data-testid="join-code-input"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            placeholder="000000"
            value={code}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            onChange={(event) => {
              setCode(normalizeJoinCode(event.target.value));
              if (error) setError(null);
            }}
          />
          <span id={hintId} className="hint">
            {t.join.hint}
          </span>
          {error ? (
            <p id={errorId} className="field-error" role="alert" data-testid="join-code-error" data-code={error}>
              {error === 'incomplete' ? t.join.invalid : t.errors[error]}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" data-testid="join-code-submit" disabled={busy}>
          {busy ? t.join.submitting : t.join.submit}
        </button>
      </form>
    </section>
  );
}
