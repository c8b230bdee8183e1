import { useState, type FormEvent } from 'react';
import { useLogin } from '../../data/team';
import { useErrorText, useT } from '../../ui/i18n';
import { teamMessages } from './messages';

/** The sign-in screen of team mode (shown instead of the app until someone signs in). */
export function LoginPage() {
  const errorText = useErrorText();
  const t = useT(teamMessages);
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <main className="page team-login" id="main">
      <h1>{t('signInTitle')}</h1>
      <p>{t('signInIntro')}</p>
      <form onSubmit={submit} className="team-login-form">
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t('signingIn') : t('signIn')}
        </button>
        {login.isError && (
          <p role="alert" className="form-error" data-testid="login-error">
            {errorText(login.error)}
          </p>
        )}
      </form>
    </main>
  );
}
