import type { ReactNode } from 'react';
import type { User } from '@tsunagi/shared';
import { LangToggle } from './LangToggle.tsx';
import { useI18n } from './messages.ts';
import './header.css';

/** The bar on every screen: who is logged in, language, logout, and status slots. */
export function Header({ user, onLogout, status }: { user: User; onLogout: () => void; status?: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-logo" aria-hidden="true">
          つ
        </span>
        <span>
          <span className="app-name">Tsunagi</span> <span className="app-console">{t.consoleName}</span>
        </span>
      </div>
      <div className="app-header-status">{status}</div>
      <div className="app-header-user" aria-label={t.header.user} role="group">
        <span className="app-user-name" data-testid="header-user">
          {user.displayName}
        </span>
        <span className="badge" data-testid="header-role">
          {t.roles[user.role]}
        </span>
      </div>
      <LangToggle />
      <button type="button" className="btn" data-testid="logout" onClick={onLogout}>
        {t.header.logout}
      </button>
    </header>
  );
}
