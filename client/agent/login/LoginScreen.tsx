import { useState, type FormEvent } from 'react';
import { LoginBody, type User } from '@tsunagi/shared';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import { login } from '../../lib/http/auth-api.ts';
import { useFocusOnMount } from '../app/use-focus-on-mount.ts';
import { LangToggle } from '../app/LangToggle.tsx';
import { useI18n } from '../app/messages.ts';
import './login.css';

export type LoginNotice = 'expired' | 'loggedOut';

/** What went wrong, kept as a kind (not a sentence) so it follows a language switch. */
type LoginError = 'missing' | 'failed' | ClientErrorCode;

/** Username and password; errors are announced and tied to the form. */
export function LoginScreen({ notice, onLoggedIn }: { notice: LoginNotice | null; onLoggedIn: (user: User) => void }) {
  const { t } = useI18n();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<LoginError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = LoginBody.safeParse({ username, password });
    if (!body.success) {
      setError('missing');
      return;
    }
    setBusy(true);
    setError(null);
    login(body.data)
      .then(onLoggedIn)
      .catch((caught: unknown) => {
        const failure = toRequestError(caught);
        setError(failure.code === 'unauthorized' ? 'failed' : failure.code);
        setBusy(false);
      });
  };

  return (
    <main className="login">
      <div className="login-lang">
        <LangToggle />
      </div>
      <form className="login-card panel" noValidate onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <div className="login-brand">
          <span className="app-logo" aria-hidden="true">
            つ
          </span>
          <span>
            <strong>Tsunagi</strong> <span className="muted">{t.consoleName}</span>
          </span>
        </div>
        <h1 id="login-title" ref={headingRef} tabIndex={-1}>
          {t.login.title}
        </h1>
        <p className="muted login-intro">{t.login.intro}</p>
        {notice && !error ? (
          <p className="alert alert-info" role="status">
            {notice === 'expired' ? t.login.expired : t.login.loggedOut}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="login-username">{t.login.username}</label>
          <input
            id="login-username"
            name="username"
            data-testid="login-username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t.login.password}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            data-testid="login-password"
            autoComplete="current-password"
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {error ? (
          <p id="login-error" className="alert alert-error" role="alert" data-testid="login-error">
            {error === 'missing' ? t.login.missing : error === 'failed' ? t.login.failed : t.errors[error]}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary login-submit" data-testid="login-submit" disabled={busy}>
          {busy ? t.login.submitting : t.login.submit}
        </button>
      </form>
    </main>
  );
}
