import { useI18n } from '../app/messages.ts';
import './monitor.css';

/** A supervisor's two places: the queue (they can take calls too) and the live sessions they watch over. */
export function SupervisorNav({ current }: { current: 'queue' | 'monitor' }) {
  const { t } = useI18n();
  return (
    <nav className="supervisor-nav" aria-label={t.nav.label}>
      <a href="#/" aria-current={current === 'queue' ? 'page' : undefined} data-testid="nav-queue">
        {t.nav.queue}
      </a>
      <a href="#/monitor" aria-current={current === 'monitor' ? 'page' : undefined} data-testid="nav-monitor">
        {t.nav.monitor}
      </a>
    </nav>
  );
}
