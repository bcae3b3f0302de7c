import { useI18n } from '../app/messages.ts';
import './transfer.css';

/** A transfer note where sessions are listed (the queue, "my sessions"). */
export function QueueNote({ note }: { note: string }) {
  const { t } = useI18n();
  return (
    <p className="queue-note" data-testid="queue-transfer-note">
      {t.transfer.queueNote(note)}
    </p>
  );
}
