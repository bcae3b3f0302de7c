import { useState, type FormEvent } from 'react';
import { CreateUserBody, Role, type User } from '@tsunagi/shared';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import { createUser } from '../../lib/http/auth-api.ts';
import { useI18n } from '../app/messages.ts';

type Field = 'username' | 'displayName' | 'password';
/**
 * Problems are kept as kinds, not sentences, and put into words when
 * rendered: switching the console's language then translates them too.
 */
type FieldErrors = Partial<Record<Field, 'invalid' | 'taken'>>;
/** A failure not tied to a field; `detail` is the server's (English) wording of a rule. */
type FormError = { code: ClientErrorCode; detail?: string };

const emptyForm = { username: '', displayName: '', role: 'agent' as Role, password: '' };

/**
 * Checked with the same schema the server uses, so the admin sees what is
 * wrong next to the field before anything is sent; the server still has the
 * last word (a taken username, or a rule we do not know about).
 */
export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(emptyForm);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  /** The username just created. */
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const invalidMessage: Record<Field, string> = {
    username: t.users.usernameInvalid,
    displayName: t.users.displayNameInvalid,
    password: t.users.passwordInvalid,
  };
  const fieldMessage = (field: Field) => (fieldErrors[field] === 'taken' ? t.users.usernameTaken : invalidMessage[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setFormError(null);
    const parsed = CreateUserBody.safeParse(form);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'username' || field === 'displayName' || field === 'password') errors[field] = 'invalid';
      }
      setFieldErrors(errors);
      const first = (['username', 'displayName', 'password'] as const).find((field) => errors[field]);
      if (first) document.getElementById(`new-user-${first}`)?.focus();
      return;
    }
    setFieldErrors({});
    setBusy(true);
    createUser(parsed.data)
      .then((user) => {
        onCreated(user);
        setCreated(user.username);
        setForm(emptyForm);
      })
      .catch((caught: unknown) => {
        const failure = toRequestError(caught);
        if (failure.code === 'conflict') {
          setFieldErrors({ username: 'taken' });
          document.getElementById('new-user-username')?.focus();
        } else if (failure.code === 'bad_request') {
          // The server's message names the rule; it is the most precise thing we have.
          setFormError({ code: failure.code, detail: failure.message });
        } else {
          setFormError({ code: failure.code });
        }
      })
      .finally(() => setBusy(false));
  };

  const update = (field: keyof typeof emptyForm, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    if (field in fieldErrors) setFieldErrors((current) => ({ ...current, [field]: undefined }));
  };

  const describedBy = (field: Field, hint?: boolean) =>
    [hint ? `new-user-${field}-hint` : null, fieldErrors[field] ? `new-user-${field}-error` : null].filter(Boolean).join(' ') ||
    undefined;

  return (
    <section className="panel" aria-labelledby="new-user-title">
      <div className="panel-header">
        <h2 id="new-user-title">{t.users.createTitle}</h2>
      </div>
      <form className="panel-body users-form" noValidate onSubmit={submit} data-testid="create-user-form">
        {created ? (
          <p className="alert alert-success" role="status" data-testid="create-user-done">
            {t.users.created(created)}
          </p>
        ) : null}
        {formError ? (
          <p className="alert alert-error" role="alert" data-testid="create-user-error">
            {t.errors[formError.code]}
            {formError.detail ? (
              <>
                {' ('}
                <span lang="en">{formError.detail}</span>
                {')'}
              </>
            ) : null}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="new-user-username">{t.users.username}</label>
          <input
            id="new-user-username"
            data-testid="new-user-username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={form.username}
            aria-invalid={fieldErrors.username ? true : undefined}
            aria-describedby={describedBy('username', true)}
            onChange={(event) => update('username', event.target.value)}
          />
          <span id="new-user-username-hint" className="hint">
            {t.users.usernameHint}
          </span>
          {fieldErrors.username ? (
            <p id="new-user-username-error" className="field-error">
              {fieldMessage('username')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="new-user-displayName">{t.users.displayName}</label>
          <input
            id="new-user-displayName"
            data-testid="new-user-display-name"
            autoComplete="off"
            value={form.displayName}
            aria-invalid={fieldErrors.displayName ? true : undefined}
            aria-describedby={describedBy('displayName')}
            onChange={(event) => update('displayName', event.target.value)}
          />
          {fieldErrors.displayName ? (
            <p id="new-user-displayName-error" className="field-error">
              {fieldMessage('displayName')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="new-user-role">{t.users.role}</label>
          <select
            id="new-user-role"
            data-testid="new-user-role"
            value={form.role}
            onChange={(event) => update('role', Role.parse(event.target.value))}
          >
            {Role.options.map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-user-password">{t.users.password}</label>
          <input
            id="new-user-password"
            type="password"
            data-testid="new-user-password"
            autoComplete="new-password"
            value={form.password}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={describedBy('password', true)}
            onChange={(event) => update('password', event.target.value)}
          />
          <span id="new-user-password-hint" className="hint">
            {t.users.passwordHint}
          </span>
          {fieldErrors.password ? (
            <p id="new-user-password-error" className="field-error">
              {fieldMessage('password')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" data-testid="create-user-submit" disabled={busy}>
          {busy ? t.users.creating : t.users.create}
        </button>
      </form>
    </section>
  );
}
