import { useRef, useState } from 'react';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';
import { useI18n } from '../app/messages.ts';

/**
 * Ending is final for the customer too, so it asks first. A native modal
 * <dialog> gives focus trapping, Escape to cancel and the backdrop for free;
 * "Cancel" has the initial focus so Enter does not end a call by accident.
 */
export function EndSessionButton({
  socket,
  sessionId,
  onEnded,
}: {
  socket: AgentSocket;
  sessionId: string;
  onEnded: () => void;
}) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  const open = () => {
    setError(null);
    dialogRef.current?.showModal();
  };
  const close = () => dialogRef.current?.close();

  const confirm = () => {
    setBusy(true);
    setError(null);
    socket
      .request('session:end', { sessionId })
      .then(() => {
        close();
        onEnded();
      })
      .catch((caught: unknown) => {
        const failure = toRequestError(caught);
        if (failure.code === 'session_ended') {
          close();
          onEnded();
          return;
        }
        setError(failure.code);
      })
      .finally(() => setBusy(false));
  };

  return (
    <>
      <button type="button" className="btn btn-danger" data-testid="live-end" onClick={open}>
        {t.live.end}
      </button>
      <dialog
        ref={dialogRef}
        className="confirm-dialog"
        aria-labelledby="end-title"
        aria-describedby="end-body"
        data-testid="live-end-dialog"
      >
        <h2 id="end-title">{t.live.endConfirmTitle}</h2>
        <p id="end-body">{t.live.endConfirmBody}</p>
        {error ? (
          <p className="alert alert-error" role="alert">
            {t.errors[error]}
          </p>
        ) : null}
        <div className="confirm-actions">
          <button type="button" className="btn" autoFocus onClick={close} disabled={busy}>
            {t.common.cancel}
          </button>
          <button type="button" className="btn btn-danger" data-testid="live-end-confirm" onClick={confirm} disabled={busy}>
            {busy ? t.live.ending : t.live.endConfirm}
          </button>
        </div>
      </dialog>
    </>
  );
}
