import { useCallback, useEffect, useState } from 'react';
import type { User } from '@tsunagi/shared';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import { listUsers } from '../../lib/http/auth-api.ts';
import { useFocusOnMount } from '../app/use-focus-on-mount.ts';
import { useI18n } from '../app/messages.ts';
import { CreateUserForm } from './CreateUserForm.tsx';
import './users.css';

/** The admin's screen: everyone who can log in, and a form to add someone. */
export function UsersScreen({ currentUser }: { currentUser: User }) {
  const { t, lang } = useI18n();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  const load = useCallback(() => {
    listUsers()
      .then((list) => {
        setUsers(list);
        setError(null);
      })
      .catch((caught: unknown) => setError(toRequestError(caught).code));
  }, []);
  useEffect(load, [load]);

  const dateFormat = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium' });
  return (
    <div className="users">
      <h1 ref={headingRef} tabIndex={-1}>
        {t.users.title}
      </h1>
      <div className="users-grid">
        <section className="panel" aria-labelledby="users-list-title">
          <div className="panel-header">
            <h2 id="users-list-title">{t.users.listTitle}</h2>
            {users ? <span className="count">{users.length}</span> : null}
          </div>
          <div className="panel-body">
            {error ? (
              <div className="alert alert-error" role="alert">
                <p>{t.errors[error]}</p>
                <button type="button" className="btn" onClick={load}>
                  {t.common.retry}
                </button>
              </div>
            ) : null}
            {users === null ? (
              error ? null : <p className="muted">{t.users.loading}</p>
            ) : users.length === 0 ? (
              <p className="muted">{t.users.empty}</p>
            ) : (
              <table className="users-table" data-testid="users-table">
                <thead>
                  <tr>
                    <th scope="col">{t.users.username}</th>
                    <th scope="col">{t.users.displayName}</th>
                    <th scope="col">{t.users.role}</th>
                    <th scope="col">{t.users.createdAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <tr key={user.id} data-testid="users-row" aria-current={user.id === currentUser.id ? 'true' : undefined}>
                      <td className="users-username">{user.username}</td>
                      <td>{user.displayName}</td>
                      <td>
                        <span className="badge">{t.roles[user.role]}</span>
                      </td>
                      <td>{dateFormat.format(user.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
        <CreateUserForm onCreated={(user) => setUsers((current) => (current ? [...current, user] : [user]))} />
      </div>
    </div>
  );
}
