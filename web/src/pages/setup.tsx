// First run: account, downloader (tested live), a first feed, notifications, then into the app.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError, type CompleteSetupRequest } from '../api/client';
import { Button, SelectField, Switch, TestResult, TextField } from '../components/ui';
import { toastError } from '../components/toast';
import { msg, t, type Key } from '../i18n';
import { DOWNLOADER_TYPES, downloaderLimits } from './downloader-info';

const STEPS: Key[] = ['setup.step_account', 'setup.step_downloader', 'setup.step_feed', 'setup.step_notify', 'setup.step_done'];
type Result = { success: boolean; text: string } | null;

export function Setup(p: { prefs: ComponentChildren; onDone: () => void; version: string }) {
  const [step, setStep] = useState(0);
  const [f, setF] = useState({
    username: 'admin',
    password: '',
    password2: '',
    downloader_type: 'qbittorrent',
    downloader_host: '127.0.0.1:8080',
    downloader_username: 'admin',
    downloader_password: '',
    downloader_path: '/downloads/Bangumi',
    downloader_ssl: false,
    downloader_api_key: '',
    rss_url: '',
    rss_name: '',
    notification_enable: false,
    notification_type: 'telegram',
    notification_token: '',
    notification_chat_id: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dlResult, setDl] = useState<Result>(null);
  const [rssResult, setRss] = useState<Result>(null);
  const [nResult, setN] = useState<Result>(null);
  const [busy, setBusy] = useState('');
  const set = (k: keyof typeof f) => (v: string | boolean) => setF({ ...f, [k]: v });

  const test = async (name: string, fn: () => Promise<{ success: boolean; message_en: string; message_zh: string; title?: string | null; item_count?: number | null }>, out: (r: Result) => void) => {
    setBusy(name);
    try {
      const r = await fn();
      let text = msg(r);
      if (r.title) text += ` — ${r.title}`;
      if (r.item_count != null) text += ` (${t('setup.items', { n: r.item_count })})`;
      out({ success: r.success, text });
    } catch (e) {
      out({ success: false, text: e instanceof ApiError ? msg(e) : String(e) });
    } finally {
      setBusy('');
    }
  };

  const validAccount = () => {
    const e: Record<string, string> = {};
    if (!/^[A-Za-z0-9_]{4,20}$/.test(f.username)) e.username = t('setup.err_username');
    if (f.password.length < 8) e.password = t('setup.err_password');
    else if (f.password !== f.password2) e.password2 = t('setup.err_password2');
    setErrors(e);
    return !Object.keys(e).length;
  };

  const next = () => {
    if (step === 0 && !validAccount()) return;
    setStep(step + 1);
  };

  const complete = async () => {
    setBusy('complete');
    try {
      // The repeated password is the page's own check; the API takes the rest as it is.
      const body = Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'password2')) as unknown as CompleteSetupRequest;
      // A key typed for qBittorrent, then another type chosen, is not that downloader's.
      if (f.downloader_type !== 'qbittorrent') body.downloader_api_key = '';
      const r = await api.setupComplete(body);
      if (!r.status || r.status_code >= 400) {
        toastError(new ApiError(r.status_code, r.msg_en, r.msg_zh));
        return;
      }
      await api.login(f.username, f.password);
      p.onDone();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy('');
    }
  };

  const limits = downloaderLimits(f.downloader_type);
  let content: ComponentChildren;
  if (step === 0)
    content = (
      <>
        <p>{t('setup.account_intro')}</p>
        <TextField label={t('setup.username')} name="username" value={f.username} onInput={set('username')} error={errors.username} autoComplete="username" />
        <TextField label={t('setup.password')} name="password" type="password" value={f.password} onInput={set('password')} error={errors.password} autoComplete="new-password" />
        <TextField label={t('setup.password2')} name="password2" type="password" value={f.password2} onInput={set('password2')} error={errors.password2} autoComplete="new-password" />
      </>
    );
  else if (step === 1)
    content = (
      <>
        <SelectField
          label={t('settings.downloader.type')}
          name="downloader_type"
          value={f.downloader_type}
          options={DOWNLOADER_TYPES.map((v) => ({ value: v, label: v }))}
          onChange={set('downloader_type')}
          hint={limits}
        />
        <TextField label={t('settings.downloader.host')} name="downloader_host" value={f.downloader_host} onInput={set('downloader_host')} hint={t('settings.downloader.host_hint')} />
        <TextField label={t('settings.downloader.username')} name="downloader_username" value={f.downloader_username} onInput={set('downloader_username')} autoComplete="off" />
        <TextField label={t('settings.downloader.password')} name="downloader_password" type="password" value={f.downloader_password} onInput={set('downloader_password')} autoComplete="off" />
        {f.downloader_type === 'qbittorrent' && (
          <TextField label={t('settings.downloader.api_key')} name="downloader_api_key" type="password" value={f.downloader_api_key} onInput={set('downloader_api_key')} hint={t('settings.downloader.api_key_hint')} autoComplete="off" />
        )}
        <TextField label={t('settings.downloader.path')} name="downloader_path" value={f.downloader_path} onInput={set('downloader_path')} />
        <Switch label={t('settings.downloader.ssl')} checked={f.downloader_ssl} onChange={set('downloader_ssl')} />
        <Button
          busy={busy === 'dl'}
          data-testid="test-downloader"
          onClick={() =>
            void test('dl', () => api.setupTestDownloader({ type: f.downloader_type, host: f.downloader_host, username: f.downloader_username, password: f.downloader_password, ssl: f.downloader_ssl, api_key: f.downloader_type === 'qbittorrent' ? f.downloader_api_key : '', instance: '' }), setDl)
          }
        >
          {t('common.test_connection')}
        </Button>
        <TestResult result={dlResult} testid="downloader-test-result" />
      </>
    );
  else if (step === 2)
    content = (
      <>
        <p>{t('setup.feed_intro')}</p>
        <TextField label={t('feeds.url')} name="rss_url" type="url" value={f.rss_url} onInput={set('rss_url')} placeholder="https://mikanani.me/RSS/MyBangumi?token=…" />
        <TextField label={t('feeds.name_optional')} name="rss_name" value={f.rss_name} onInput={set('rss_name')} />
        <Button busy={busy === 'rss'} disabled={!f.rss_url} data-testid="test-feed" onClick={() => void test('rss', () => api.setupTestRss(f.rss_url), setRss)}>
          {t('feeds.test')}
        </Button>
        <TestResult result={rssResult} testid="feed-test-result" />
      </>
    );
  else if (step === 3)
    content = (
      <>
        <Switch label={t('setup.notify_enable')} checked={f.notification_enable} onChange={set('notification_enable')} />
        {f.notification_enable && (
          <>
            <SelectField
              label={t('settings.notification.type')}
              value={f.notification_type}
              options={['telegram', 'bark', 'server-chan'].map((v) => ({ value: v, label: v }))}
              onChange={set('notification_type')}
            />
            <TextField label={t('settings.notification.token')} type="password" value={f.notification_token} onInput={set('notification_token')} autoComplete="off" />
            <TextField label={t('settings.notification.chat_id')} value={f.notification_chat_id} onInput={set('notification_chat_id')} />
            <Button
              busy={busy === 'n'}
              data-testid="test-notification"
              onClick={() => void test('n', () => api.setupTestNotification({ type: f.notification_type, token: f.notification_token, chat_id: f.notification_chat_id }), setN)}
            >
              {t('settings.notification.test')}
            </Button>
            <TestResult result={nResult} testid="notification-test-result" />
          </>
        )}
      </>
    );
  else
    content = (
      <dl class="summary">
        <dt>{t('setup.username')}</dt>
        <dd>{f.username}</dd>
        <dt>{t('settings.section.downloader')}</dt>
        <dd>
          {f.downloader_type} · {f.downloader_host} · {f.downloader_path}
        </dd>
        <dt>{t('nav.feeds')}</dt>
        <dd>{f.rss_url || t('common.none')}</dd>
        <dt>{t('settings.section.notification')}</dt>
        <dd>{f.notification_enable ? f.notification_type : t('common.off')}</dd>
      </dl>
    );

  return (
    <>
      <header class="topbar">
        <span class="brand">AutoBangumi</span>
        <div class="spacer" />
        {p.prefs}
      </header>
      <main id="main" class="center-page">
        <form class="card wizard" onSubmit={(e) => { e.preventDefault(); if (step < STEPS.length - 1) next(); else void complete(); }} data-testid="setup-wizard">
          <h1>{t('setup.title')}</h1>
          <ol class="steps" aria-label={t('setup.progress')}>
            {STEPS.map((k, i) => (
              <li key={k} class={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
                {t(k)}
              </li>
            ))}
          </ol>
          <h2>{t(STEPS[step])}</h2>
          {content}
          <div class="actions">
            {step > 0 && (
              <Button onClick={() => setStep(step - 1)} data-testid="setup-back">
                {t('common.back')}
              </Button>
            )}
            {step < STEPS.length - 1 ? (
              <button type="submit" class="btn btn-primary" data-testid="setup-next">
                {step === 2 && !f.rss_url ? t('common.skip') : t('common.next')}
              </button>
            ) : (
              <Button variant="primary" type="submit" busy={busy === 'complete'} data-testid="setup-complete">
                {t('setup.complete')}
              </Button>
            )}
          </div>
          {p.version && <p class="version">{t('app.version', { v: p.version })}</p>}
        </form>
      </main>
    </>
  );
}
