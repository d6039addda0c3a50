// The account: password, passkeys, API tokens, open sessions, and the API's documentation.
import { useState } from 'preact/hooks';
import { api, ApiError, type CreatedToken } from '../api/client';
import { createPasskey, supported } from '../api/webauthn';
import { Dialog } from '../components/dialog';
import { toast, toastError, toastResult } from '../components/toast';
import { Badge, Button, Empty, Loading, TextField } from '../components/ui';
import { useAction, useLoad } from '../hooks';
import { fmtTime, msg, t } from '../i18n';

export function Account() {
  return (
    <section>
      <h1>{t('nav.account')}</h1>
      <Password />
      <Passkeys />
      <Tokens />
      <Sessions />
      <div class="card">
        <h2>{t('account.api_docs')}</h2>
        <p>{t('account.api_docs_body')}</p>
        <p>
          <a href="/api/v1/docs" target="_blank" rel="noopener" data-testid="api-docs-link">
            {t('account.api_docs_link')}
          </a>
        </p>
      </div>
    </section>
  );
}

function Password() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const er: Record<string, string> = {};
    if (username && !/^[A-Za-z0-9_]{4,20}$/.test(username)) er.username = t('setup.err_username');
    if (password && password.length < 8) er.password = t('setup.err_password');
    if (password !== password2) er.password2 = t('setup.err_password2');
    if (!username && !password) er.password = t('account.nothing_to_change');
    setErrors(er);
    if (Object.keys(er).length) return;
    setBusy(true);
    try {
      await api.updateCredentials({ ...(username ? { username } : {}), ...(password ? { password } : {}) });
      toast(t('account.updated'), 'ok');
      setPassword('');
      setPassword2('');
    } catch (err) {
      if (err instanceof ApiError && (err.status === 422 || err.status === 400)) setErrors({ password: msg(err) });
      else toastError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} data-testid="password-form">
      <h2>{t('account.change_password')}</h2>
      <TextField label={t('account.new_username')} name="username" value={username} onInput={setUsername} autoComplete="username" error={errors.username} hint={t('account.username_hint')} />
      <TextField label={t('account.new_password')} name="password" type="password" value={password} onInput={setPassword} autoComplete="new-password" error={errors.password} />
      <TextField label={t('setup.password2')} name="password2" type="password" value={password2} onInput={setPassword2} autoComplete="new-password" error={errors.password2} />
      <Button type="submit" variant="primary" busy={busy} data-testid="password-submit">
        {t('common.save')}
      </Button>
    </form>
  );
}

function Passkeys() {
  const list = useLoad(() => api.passkeys());
  const [name, setName] = useState('');
  const { busy, run } = useAction();
  const add = async () => {
    const r = await run('add', async () => {
      const options = await api.passkeyRegisterOptions();
      if (!options) throw new Error(t('common.failed'));
      const cred = await createPasskey(options);
      return api.passkeyRegisterVerify(name || t('account.passkey_default_name'), cred);
    });
    if (r) {
      toastResult(r);
      setName('');
      void list.reload();
    }
  };
  const remove = async (id: number) => {
    const r = await run('del' + id, () => api.deletePasskey(id));
    if (r) {
      toastResult(r);
      void list.reload();
    }
  };
  return (
    <div class="card" data-testid="passkeys">
      <h2>{t('account.passkeys')}</h2>
      {list.loading && !list.data && <Loading label={t('common.loading')} />}
      {list.data && list.data.length === 0 && <Empty>{t('account.no_passkeys')}</Empty>}
      {list.data && list.data.length > 0 && (
        <ul class="plain rows">
          {list.data.map((k) => (
            <li key={k.id} class="row gap" data-testid="passkey-row">
              <span class="grow">
                <strong>{k.name}</strong>{' '}
                <span class="muted small">
                  {t('account.created', { at: fmtTime(k.created_at) })} · {t('account.last_used', { at: fmtTime(k.last_used_at) })}
                </span>
              </span>
              <Button class="btn-small" variant="danger" busy={busy === 'del' + k.id} onClick={() => void remove(k.id)}>
                {t('common.delete')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {supported() ? (
        <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void add(); }}>
          <TextField label={t('account.passkey_name')} value={name} onInput={setName} />
          <Button type="submit" busy={busy === 'add'} data-testid="passkey-add">
            {t('account.passkey_add')}
          </Button>
        </form>
      ) : (
        <p class="muted">{t('account.passkey_unsupported')}</p>
      )}
    </div>
  );
}

function Tokens() {
  const list = useLoad(() => api.tokens());
  const [name, setName] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const { busy, run } = useAction();
  const create = async () => {
    if (!name.trim() || name.length > 64) {
      setErr(t('account.token_name_err'));
      return;
    }
    setErr(null);
    const r = await run('create', () => api.createToken(name.trim()));
    if (r) {
      setCreated(r);
      setName('');
      void list.reload();
    }
  };
  const revoke = async (id: number) => {
    const r = await run('rv' + id, () => api.revokeToken(id));
    if (r) {
      toastResult(r);
      void list.reload();
    }
  };
  const tokens = list.data?.tokens;
  return (
    <div class="card" data-testid="tokens">
      <h2>{t('account.tokens')}</h2>
      <p class="muted small">{t('account.tokens_hint')}</p>
      {tokens && tokens.length === 0 && <Empty>{t('account.no_tokens')}</Empty>}
      {tokens && tokens.length > 0 && (
        <ul class="plain rows">
          {tokens.map((k) => (
            <li key={k.id} class="row gap" data-testid="token-row">
              <span class="grow">
                <strong>{k.name}</strong>{' '}
                <span class="muted small">
                  {t('account.created', { at: fmtTime(k.created_at) })} · {t('account.last_used', { at: fmtTime(k.last_used_at) })}
                </span>
              </span>
              <Button class="btn-small" variant="danger" busy={busy === 'rv' + k.id} onClick={() => void revoke(k.id)} data-testid="token-revoke">
                {t('account.revoke')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <TextField label={t('account.token_name')} value={name} onInput={setName} error={err} testid="token-name" />
        <Button type="submit" busy={busy === 'create'} data-testid="token-create">
          {t('account.token_create')}
        </Button>
      </form>
      {created && (
        <Dialog title={t('account.token_created')} onClose={() => setCreated(null)} testid="token-dialog">
          <p>{t('account.token_once')}</p>
          <label for="new-token">{created.name}</label>
          <input id="new-token" class="mono" readOnly value={created.token} data-testid="token-value" onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
          <div class="actions">
            <Button
              onClick={() => {
                void navigator.clipboard?.writeText(created.token).then(() => toast(t('account.copied'), 'ok'));
              }}
            >
              {t('account.copy')}
            </Button>
            <Button variant="primary" onClick={() => setCreated(null)}>
              {t('common.done')}
            </Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

function Sessions() {
  const list = useLoad(() => api.sessions());
  const { busy, run } = useAction();
  const end = async (id: string) => {
    const r = await run('end' + id, () => api.endSession(id));
    if (r) {
      toastResult(r);
      void list.reload();
    }
  };
  const sessions = list.data?.sessions;
  return (
    <div class="card" data-testid="sessions">
      <h2>{t('account.sessions')}</h2>
      {list.loading && !sessions && <Loading label={t('common.loading')} />}
      {sessions && (
        <ul class="plain rows">
          {sessions.map((s) => (
            <li key={s.id} class="row gap" data-testid="session-row">
              <span class="grow">
                <strong>{s.client_ip ?? '?'}</strong> <Badge>{s.method === 'passkey' ? t('account.method_passkey') : t('account.method_password')}</Badge>{' '}
                {s.current && <Badge kind="ok">{t('account.this_session')}</Badge>}{' '}
                <span class="muted small">
                  {t('account.created', { at: fmtTime(s.created_at) })} · {t('account.expires', { at: fmtTime(s.expires_at) })}
                </span>
              </span>
              {!s.current && (
                <Button class="btn-small" variant="danger" busy={busy === 'end' + s.id} onClick={() => void end(s.id)} data-testid="session-end">
                  {t('account.end_session')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
