// Password or passkey login; says plainly when throttled or refused by the allowlist.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { getPasskey, supported } from '../api/webauthn';
import { Button, TextField } from '../components/ui';
import { msg, t } from '../i18n';

function explain(e: unknown): string {
  if (e instanceof ApiError) {
    // The server says how long to wait; the allowlist refusal is said in the page's words.
    if (e.status === 429) return msg(e) || t('login.throttled');
    if (e.status === 403) return t('login.not_allowed');
    return msg(e);
  }
  if (e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'AbortError')) return t('login.passkey_cancelled');
  return e instanceof Error ? e.message : String(e);
}

export function Login(p: { prefs: ComponentChildren; onDone: () => void; version: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy('pw');
    setError(null);
    try {
      await api.login(username, password);
      p.onDone();
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy('');
    }
  };

  const passkey = async () => {
    setBusy('pk');
    setError(null);
    try {
      const options = await api.passkeyAuthOptions(username || undefined);
      if (!options) throw new Error(t('login.passkey_cancelled'));
      const credential = await getPasskey(options);
      await api.passkeyAuthVerify(credential, username || undefined);
      p.onDone();
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy('');
    }
  };

  return (
    <>
      <header class="topbar">
        <span class="brand">AutoBangumi</span>
        <div class="spacer" />
        {p.prefs}
      </header>
      <main id="main" class="center-page">
        <form class="card narrow" onSubmit={(e) => void submit(e)} data-testid="login-form">
          <h1>{t('login.title')}</h1>
          <TextField label={t('login.username')} name="username" value={username} onInput={setUsername} autoComplete="username webauthn" required />
          <TextField label={t('login.password')} name="password" type="password" value={password} onInput={setPassword} autoComplete="current-password" />
          {error && (
            <p class="form-error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <div class="actions">
            <Button variant="primary" type="submit" busy={busy === 'pw'} data-testid="login-submit">
              {t('login.submit')}
            </Button>
            {supported() && (
              <Button busy={busy === 'pk'} onClick={() => void passkey()} data-testid="login-passkey">
                {t('login.passkey')}
              </Button>
            )}
          </div>
          {p.version && <p class="version">{t('app.version', { v: p.version })}</p>}
        </form>
      </main>
    </>
  );
}
