import { useCallback, useEffect, useState } from 'react';
import type { User } from '@tsunagi/shared';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import { currentUser, logout } from '../../lib/http/auth-api.ts';
import { LoginScreen, type LoginNotice } from '../login/LoginScreen.tsx';
import { ConsoleShell } from './ConsoleShell.tsx';
import { useI18n } from './messages.ts';

type AuthState =
  | { kind: 'loading' }
  | { kind: 'failed'; code: ClientErrorCode }
  | { kind: 'anonymous'; notice: LoginNotice | null }
  | { kind: 'user'; user: User };

/** Who is logged in decides everything else: the login screen or the console. */
export function App() {
  const { t } = useI18n();
  const [auth, setAuth] = useState<AuthState>({ kind: 'loading' });

  // The tab's title in the console's language, like everything else on it.
  useEffect(() => {
    document.title = `Tsunagi ${t.consoleName}`;
  }, [t]);

  const check = useCallback(() => {
    setAuth({ kind: 'loading' });
    currentUser()
      .then((user) => setAuth(user ? { kind: 'user', user } : { kind: 'anonymous', notice: null }))
      .catch((error: unknown) => setAuth({ kind: 'failed', code: toRequestError(error).code }));
  }, []);

  useEffect(check, [check]);

  const handleUnauthorized = useCallback(() => setAuth({ kind: 'anonymous', notice: 'expired' }), []);

  const handleLogout = useCallback(() => {
    logout()
      .catch(() => {
        // The cookie may already be gone; the login screen is right either way.
      })
      .finally(() => setAuth({ kind: 'anonymous', notice: 'loggedOut' }));
  }, []);

  switch (auth.kind) {
    case 'loading':
      return <p className="splash">{t.common.loading}</p>;
    case 'failed':
      return (
        <div className="splash">
          <div role="alert" className="alert alert-error">
            <p>{t.errors[auth.code]}</p>
            <button type="button" className="btn" onClick={check}>
              {t.common.retry}
            </button>
          </div>
        </div>
      );
    case 'anonymous':
      return <LoginScreen notice={auth.notice} onLoggedIn={(user) => setAuth({ kind: 'user', user })} />;
    case 'user':
      return <ConsoleShell user={auth.user} onLogout={handleLogout} onUnauthorized={handleUnauthorized} />;
  }
}
