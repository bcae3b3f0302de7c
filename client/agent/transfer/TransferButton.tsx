import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import type { StaffMember } from '@tsunagi/shared';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';
import { useI18n } from '../app/messages.ts';
import './transfer.css';

/** The waiting queue, as a choice beside the online agents. */
const QUEUE = 'queue';

type Failure = { kind: 'choose' } | { kind: 'gone' } | { kind: 'code'; code: ClientErrorCode };

/**
 * Hands the session to another online agent, or back to the queue, with a
 * note for whoever takes it next. A native modal <dialog>: focus stays in
 * it, Escape cancels.
 */
export function TransferButton({
  socket,
  sessionId,
  onTransferred,
}: {
  socket: AgentSocket;
  sessionId: string;
  onTransferred: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [agents, setAgents] = useState<StaffMember[] | null>(null);
  const [loadError, setLoadError] = useState<ClientErrorCode | null>(null);
  const [choice, setChoice] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const load = useCallback(() => {
    setAgents(null);
    setLoadError(null);
    socket
      .request('agents:online', {})
      .then(({ agents: online }) => {
        setAgents([...online].sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja')));
        setChoice((current) => (current === QUEUE || online.some((agent) => agent.userId === current) ? current : ''));
      })
      .catch((caught: unknown) => {
        setAgents([]);
        setLoadError(toRequestError(caught).code);
      });
  }, [socket]);

  const open = () => {
    setFailure(null);
    setChoice('');
    load();
    dialogRef.current?.showModal();
  };
  const close = () => dialogRef.current?.close();

  const choose = (next: string) => {
    setChoice(next);
    setFailure((current) => (current?.kind === 'choose' ? null : current));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) {
      setFailure({ kind: 'choose' });
      return;
    }
    setBusy(true);
    setFailure(null);
    socket
      .request('session:transfer', { sessionId, toUserId: choice === QUEUE ? null : choice, note: note.trim() })
      .then(() => {
        close();
        setNote('');
        onTransferred();
      })
      .catch((caught: unknown) => {
        const code = toRequestError(caught).code;
        if (code === 'not_found') {
          setFailure({ kind: 'gone' });
          load();
        } else {
          setFailure({ kind: 'code', code });
        }
      })
      .finally(() => setBusy(false));
  };

  const failureText =
    failure?.kind === 'choose' ? t.transfer.choose : failure?.kind === 'gone' ? t.transfer.gone : failure ? t.errors[failure.code] : null;

  return (
    <>
      <button type="button" className="btn" data-testid="live-transfer" onClick={open}>
        {t.transfer.button}
      </button>
      <dialog ref={dialogRef} className="confirm-dialog transfer-dialog" aria-labelledby={`${id}-title`} data-testid="transfer-dialog">
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`}>{t.transfer.title}</h2>
          <p className="muted">{t.transfer.intro}</p>
          <fieldset className="transfer-choices" aria-describedby={failure?.kind === 'choose' ? `${id}-error` : undefined}>
            <legend>{t.transfer.to}</legend>
            <div className="transfer-agents" aria-busy={agents === null} data-testid="transfer-agents">
              {agents === null ? <p className="muted transfer-status">{t.transfer.loading}</p> : null}
              {loadError ? (
                <p className="transfer-status field-error" role="alert">
                  {t.errors[loadError]}
                </p>
              ) : null}
              {agents !== null && agents.length === 0 && !loadError ? <p className="muted transfer-status">{t.transfer.noAgents}</p> : null}
              {agents?.map((agent) => (
                <label key={agent.userId} className="transfer-choice" data-testid="transfer-agent" data-user-id={agent.userId}>
                  <input
                    type="radio"
                    name={`${id}-to`}
                    value={agent.userId}
                    checked={choice === agent.userId}
                    onChange={() => choose(agent.userId)}
                  />
                  <span>{agent.displayName}</span>
                </label>
              ))}
            </div>
            <label className="transfer-choice transfer-choice-queue" data-testid="transfer-queue">
              <input type="radio" name={`${id}-to`} value={QUEUE} checked={choice === QUEUE} onChange={() => choose(QUEUE)} />
              <span>{t.transfer.queue}</span>
            </label>
            <button type="button" className="btn btn-quiet transfer-refresh" data-testid="transfer-refresh" onClick={load}>
              {t.transfer.refresh}
            </button>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t.transfer.note}</label>
            <textarea
              id={`${id}-note`}
              className="transfer-note"
              data-testid="transfer-note"
              rows={4}
              maxLength={1000}
              value={note}
              aria-describedby={`${id}-note-hint`}
              onChange={(event) => setNote(event.target.value)}
            />
            <span className="hint" id={`${id}-note-hint`}>
              {t.transfer.noteHint}
            </span>
          </div>
          {failureText ? (
            <p className="alert alert-error" role="alert" id={`${id}-error`} data-testid="transfer-error">
              {failureText}
            </p>
          ) : null}
          <div className="confirm-actions">
            <button type="button" className="btn" onClick={close} disabled={busy}>
              {t.common.cancel}
            </button>
            <button type="submit" className="btn btn-primary" data-testid="transfer-confirm" disabled={busy}>
              {busy ? t.transfer.transferring : t.transfer.confirm}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
