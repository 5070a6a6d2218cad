// The staff login. The public does not log in: it is sent back to the map of published approvals.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.ts';
import { LangToggle } from '../app/LangToggle.tsx';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';

export function LoginPage() {
  const { t, pick } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    login(username, password)
      .then(() => navigate('/', { replace: true }))
      .catch((e: unknown) => {
        setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e));
        setBusy(false);
      });
  };

  return (
    <div className="login-page">
      <form className="login" onSubmit={submit}>
        <h1>
          Reclaim <small>{t('appTitle')}</small>
        </h1>
        <h2>{t('loginTitle')}</h2>
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? t('loggingIn') : t('login')}
        </button>
        <p className="hint">
          {t('loginHint')} <Link to="/">{t('navPublic')}</Link>
        </p>
        <LangToggle className="lang link" />
      </form>
    </div>
  );
}
