import { useState } from 'react';
import { useI18n } from '../app/messages.ts';
import './transfer.css';

/**
 * The note the previous agent left, at the top of the live view of the
 * agent who took the session over: the first thing they read.
 */
export function TransferNoteBanner({ note }: { note: string }) {
  const { t } = useI18n();
  const [hiddenNote, setHiddenNote] = useState<string | null>(null);
  if (hiddenNote === note) return null;
  return (
    <section className="transfer-banner" aria-labelledby="transfer-note-title" data-testid="transfer-note">
      <span className="transfer-banner-icon" aria-hidden="true">
        ✎
      </span>
      <div className="transfer-banner-body">
        <h2 id="transfer-note-title">
          {t.transfer.noteTitle} <span className="transfer-banner-from">{t.transfer.noteFrom}</span>
        </h2>
        <p data-testid="transfer-note-text">{note}</p>
      </div>
      <button type="button" className="btn btn-quiet" onClick={() => setHiddenNote(note)}>
        {t.transfer.dismiss}
      </button>
    </section>
  );
}
