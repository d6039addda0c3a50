// Every config section as a form. Secrets come back as "********" and are sent back unchanged
// to keep them; the API's validation error is shown at the field it names.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Config, type DownloaderConfig, type NotificationProvider } from '../api/client';
import { toast, toastError, toastResult } from '../components/toast';
import { Button, FieldError, Loading, NumberField, SelectField, Switch, TestResult, TextField } from '../components/ui';
import { useAction, useLoad } from '../hooks';
import { msg, t, tOr, type Key } from '../i18n';
import { DOWNLOADER_TYPES, downloaderLimits } from './downloader-info';
import { PREFERENCE_FIELDS } from './settings-ladder';
import { LibraryFields, MediaServers } from './settings-library';

type Kind = 'text' | 'number' | 'bool' | 'secret' | 'lines' | { choices: string[] };
type Section = keyof Config;
/** The config as the API always sends it: every section present. */
type Full = { [K in Section]: NonNullable<Config[K]> };

const SECTIONS: { id: Section; fields: [string, Kind][] }[] = [
  { id: 'program', fields: [['rss_time', 'number'], ['rename_time', 'number'], ['webui_port', 'number']] },
  {
    id: 'downloader',
    fields: [['type', { choices: DOWNLOADER_TYPES }], ['host', 'text'], ['username', 'text'], ['password', 'secret'], ['api_key', 'secret'], ['path', 'text'], ['ssl', 'bool']],
  },
  { id: 'rss_parser', fields: [['enable', 'bool'], ['filter', 'lines'], ['language', { choices: ['zh', 'en', 'jp'] }]] },
  {
    id: 'bangumi_manage',
    fields: [['enable', 'bool'], ['eps_complete', 'bool'], ['rename_method', { choices: ['pn', 'advance', 'normal', 'none'] }], ['rename_template', 'text'], ['group_tag', 'bool'], ['remove_bad_torrent', 'bool']],
  },
  { id: 'log', fields: [['debug_enable', 'bool']] },
  {
    id: 'proxy',
    fields: [['enable', 'bool'], ['type', { choices: ['http', 'https', 'socks5'] }], ['host', 'text'], ['port', 'number'], ['username', 'text'], ['password', 'secret']],
  },
  { id: 'notification', fields: [['enable', 'bool'], ['base_url', 'text'], ['digest_minutes', 'number'], ['on_complete', 'bool']] },
  {
    id: 'experimental_openai',
    fields: [['enable', 'bool'], ['api_key', 'secret'], ['api_base', 'text'], ['api_type', { choices: ['openai', 'azure'] }], ['api_version', 'text'], ['model', 'text'], ['deployment_id', 'text']],
  },
  {
    id: 'security',
    fields: [['login_whitelist', 'lines'], ['login_tokens', 'lines'], ['mcp_whitelist', 'lines'], ['mcp_tokens', 'lines'], ['webauthn_rp_id', 'text'], ['webauthn_origin', 'text']],
  },
  { id: 'network', fields: [['mikan_base_url', 'text'], ['tmdb_base_url', 'text'], ['tmdb_api_key', 'secret'], ['tmdb_image_base_url', 'text'], ['bgm_base_url', 'text']] },
  { id: 'preference', fields: PREFERENCE_FIELDS },
  { id: 'media_server', fields: [] },
];

const PROVIDER_TYPES = ['telegram', 'discord', 'bark', 'server-chan', 'wecom', 'gotify', 'pushover', 'webhook', 'ntfy', 'apprise'];
const PROVIDER_FIELDS: Record<string, (keyof NotificationProvider)[]> = {
  telegram: ['token', 'chat_id'],
  discord: ['webhook_url'],
  bark: ['server_url', 'device_key'],
  'server-chan': ['token'],
  wecom: ['token', 'webhook_url', 'chat_id'],
  gotify: ['server_url', 'token'],
  pushover: ['token', 'user_key'],
  webhook: ['url', 'template'],
  ntfy: ['server_url', 'token', 'url'],
  apprise: ['url'],
};
const SECRET_KEYS = ['token', 'api_token'];

/** "Invalid config value at downloader.type: …" names the field; lists point at an item. */
export function fieldOf(message: string): string | null {
  const m = /\bat ([a-z_]+(?:\.[a-z_]+|\[\d+\])+)/.exec(message);
  if (m) return m[1];
  // A type error from the JSON parser names the field alone ("Failed to parse rss_time field").
  const bare = /parse (\w+) field/.exec(message);
  if (bare) {
    for (const s of SECTIONS) if (s.fields.some(([k]) => k === bare[1])) return `${s.id}.${bare[1]}`;
  }
  return null;
}

/** List fields are edited as lines: drop the blank ones before sending. */
function clean(c: Full): Config {
  const out = structuredClone(c) as unknown as Record<string, Record<string, unknown>>;
  for (const s of SECTIONS)
    for (const [k, kind] of s.fields)
      if (kind === 'lines') out[s.id][k] = (out[s.id][k] as string[]).map((l) => l.trim()).filter(Boolean);
  return out as unknown as Config;
}

function label(section: string, key: string): string {
  return tOr(`cfg.${section}.${key}`, key);
}

export function Settings() {
  const cfg = useLoad(() => api.config());
  const prov = useLoad(() => api.providerConfig());
  const [c, setC] = useState<Full | null>(null);
  const [providers, setProviders] = useState<[string, string][]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [tests, setTests] = useState<Record<string, { success: boolean; text: string } | null>>({});
  const { busy, run } = useAction();

  useEffect(() => {
    if (cfg.data) setC(structuredClone(cfg.data) as Full);
  }, [cfg.data]);
  useEffect(() => {
    if (prov.data) setProviders(Object.entries(prov.data));
  }, [prov.data]);
  useEffect(() => {
    const id = location.hash.split('#')[2];
    if (id && c) document.getElementById('sec-' + id)?.scrollIntoView();
  }, [c !== null]);

  if (!c) return cfg.error ? <p class="form-error">{cfg.error}</p> : <Loading label={t('common.loading')} />;

  const get = (s: Section, k: string): unknown => (c[s] as unknown as Record<string, unknown>)[k];
  const put = (s: Section, k: string, v: unknown) => {
    setC({ ...c, [s]: { ...(c[s] as object), [k]: v } });
    setSaved(false);
    const path = `${s}.${k}`;
    if (errors[path]) setErrors(Object.fromEntries(Object.entries(errors).filter(([p]) => !p.startsWith(path))));
  };
  /** An edited list or nested form: its errors go, as a field's do when it is edited. */
  const touched = (prefix: string) => {
    setSaved(false);
    if (Object.keys(errors).some((p) => p.startsWith(prefix))) setErrors(Object.fromEntries(Object.entries(errors).filter(([p]) => !p.startsWith(prefix))));
  };
  const errAt = (path: string) => errors[path] ?? Object.entries(errors).find(([p]) => p.startsWith(path + '['))?.[1];

  const save = async () => {
    setErrors({});
    try {
      const r = await api.updateConfig(clean(c));
      toastResult(r);
      setSaved(true);
      void cfg.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const path = fieldOf(e.msg_en);
        if (path) {
          setErrors({ [path]: msg(e) });
          window.setTimeout(() => {
            const base = path.replace(/\[\d+\].*$/, '');
            const el = document.querySelector<HTMLElement>(`[data-field="${path}"], [data-field="${base}"]`);
            el?.focus();
          });
          return;
        }
      }
      toastError(e);
    }
  };

  const test = async (name: string, fn: () => Promise<{ success: boolean; message_en: string; message_zh: string }>) => {
    setTests((x) => ({ ...x, [name]: null }));
    const r = await run(name, fn);
    if (r) setTests((x) => ({ ...x, [name]: { success: r.success, text: msg(r) } }));
  };

  const field = (s: Section, k: string, kind: Kind) => {
    const path = `${s}.${k}`;
    const v = get(s, k);
    const lbl = label(s, k);
    const error = errAt(path);
    if (kind === 'bool') return <Switch key={path} label={lbl} name={path} checked={Boolean(v)} onChange={(x) => put(s, k, x)} error={error} />;
    if (kind === 'number') return <NumberField key={path} label={lbl} name={path} value={Number(v)} onInput={(x) => put(s, k, x)} error={error} />;
    if (kind === 'lines')
      return (
        <TextField
          key={path}
          label={lbl}
          name={path}
          multiline
          value={(v as string[]).join('\n')}
          onInput={(x) => put(s, k, x.split('\n'))}
          hint={t('rules.one_per_line')}
          error={error}
        />
      );
    if (typeof kind === 'object')
      return (
        <SelectField
          key={path}
          label={lbl}
          name={path}
          value={String(v)}
          options={(kind.choices.includes(String(v)) ? kind.choices : [String(v), ...kind.choices]).map((o) => ({ value: o, label: tOr(`cfg.choice.${o}`, o) }))}
          onChange={(x) => put(s, k, x)}
          error={error}
          hint={s === 'downloader' && k === 'type' ? <strong data-testid="downloader-limits">{downloaderLimits(String(v))}</strong> : undefined}
        />
      );
    return (
      <TextField
        key={path}
        label={lbl}
        name={path}
        type={kind === 'secret' ? 'password' : 'text'}
        autoComplete="off"
        value={String(v ?? '')}
        onInput={(x) => put(s, k, x)}
        hint={kind === 'secret' ? t('settings.secret_hint') : undefined}
        error={error}
      />
    );
  };

  const extra = (s: Section) => {
    if (s === 'downloader')
      return (
        <>
          <Button
            busy={busy === 'dl'}
            data-testid="settings-test-downloader"
            onClick={() => void test('dl', () => api.testDownloader({ type: c.downloader.type, host: c.downloader.host, username: c.downloader.username, password: c.downloader.password, ssl: c.downloader.ssl, api_key: c.downloader.api_key, instance: '' }))}
          >
            {t('common.test_connection')}
          </Button>
          <TestResult result={tests.dl ?? null} testid="downloader-test-result" />
          <LibraryFields base="downloader" value={c.downloader} onChange={(patch) => { setC({ ...c, downloader: { ...c.downloader, ...patch } }); touched('downloader.' + Object.keys(patch)[0]); }} errAt={errAt} />
          <Downloaders c={c} setC={(n) => { setC(n); touched('downloaders'); }} errAt={errAt} test={test} tests={tests} busy={busy} />
        </>
      );
    if (s === 'proxy')
      return (
        <>
          <p class="hint">{t('settings.proxy_test_hint')}</p>
          <Button busy={busy === 'proxy'} data-testid="settings-test-proxy" onClick={() => void test('proxy', () => api.testNetwork(c.network.mikan_base_url))}>
            {t('settings.test_proxy')}
          </Button>
          <TestResult result={tests.proxy ?? null} testid="proxy-test-result" />
        </>
      );
    if (s === 'network')
      return (
        <div class="actions wrap">
          {(['mikan_base_url', 'tmdb_base_url', 'tmdb_image_base_url', 'bgm_base_url'] as const).map((k) => (
            <div key={k}>
              <Button class="btn-small" busy={busy === k} onClick={() => void test(k, () => api.testNetwork(c.network[k]))} data-testid={'test-' + k}>
                {t('settings.test_url', { name: label('network', k) })}
              </Button>
              <TestResult result={tests[k] ?? null} testid={'test-result-' + k} />
            </div>
          ))}
        </div>
      );
    if (s === 'media_server')
      return <MediaServers value={c.media_server} onChange={(v) => { setC({ ...c, media_server: v }); touched('media_server'); }} errAt={errAt} />;
    if (s === 'notification') return <Providers c={c} setC={(n) => { setC(n); setSaved(false); }} errAt={errAt} test={test} tests={tests} busy={busy} />;
    return null;
  };

  const saveProviders = async () => {
    const r = await run('prov', () => api.setProviderConfig(Object.fromEntries(providers.filter(([k]) => k.trim()))));
    if (r) {
      toast(t('settings.saved'), 'ok');
      void prov.reload();
    }
  };

  return (
    <section>
      <h1>{t('nav.settings')}</h1>
      <nav class="toc" aria-label={t('settings.sections')}>
        {SECTIONS.map((s) => (
          <a key={s.id} href={`#/settings#${s.id}`} onClick={(e) => { e.preventDefault(); document.getElementById('sec-' + s.id)?.scrollIntoView({ behavior: 'smooth' }); }}>
            {t(('settings.section.' + s.id) as Key)}
          </a>
        ))}
        <a href="#/settings#search" onClick={(e) => { e.preventDefault(); document.getElementById('sec-search')?.scrollIntoView({ behavior: 'smooth' }); }}>
          {t('settings.section.search')}
        </a>
      </nav>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="settings-form" noValidate>
        {SECTIONS.map((s) => (
          <fieldset key={s.id} id={'sec-' + s.id} class="card" data-section={s.id}>
            <legend>{t(('settings.section.' + s.id) as Key)}</legend>
            {s.fields.map(([k, kind]) => field(s.id, k, kind))}
            {extra(s.id)}
          </fieldset>
        ))}
        <div class="actions sticky-actions">
          <Button type="submit" variant="primary" busy={busy === 'save'} data-testid="settings-save">
            {t('common.save')}
          </Button>
          {saved && (
            <>
              <span class="muted small">{t('settings.saved_restart')}</span>
              <Button busy={busy === 'restart'} onClick={() => void run('restart', api.restart).then((r) => r && toastResult(r))}>
                {t('program.restart')}
              </Button>
            </>
          )}
        </div>
      </form>
      <fieldset id="sec-search" class="card">
        <legend>{t('settings.section.search')}</legend>
        <p class="hint">{t('settings.search_hint')}</p>
        {providers.map(([k, v], i) => (
          <div class="cols" key={i}>
            <TextField label={t('settings.search_site')} value={k} onInput={(x) => setProviders(providers.map((p, j) => (j === i ? [x, p[1]] : p)))} />
            <TextField label={t('settings.search_url')} value={v} onInput={(x) => setProviders(providers.map((p, j) => (j === i ? [p[0], x] : p)))} />
            <Button class="btn-small" onClick={() => setProviders(providers.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </Button>
          </div>
        ))}
        <div class="actions">
          <Button onClick={() => setProviders([...providers, ['', 'https://']])}>{t('common.add')}</Button>
          <Button variant="primary" busy={busy === 'prov'} onClick={() => void saveProviders()}>
            {t('common.save')}
          </Button>
        </div>
      </fieldset>
    </section>
  );
}

function Providers(p: {
  c: Full;
  setC: (c: Full) => void;
  errAt: (path: string) => string | undefined;
  test: (name: string, fn: () => Promise<{ success: boolean; message_en: string; message_zh: string }>) => Promise<void>;
  tests: Record<string, { success: boolean; text: string } | null>;
  busy: string | null;
}) {
  const list = p.c.notification.providers;
  const setList = (providers: NotificationProvider[]) => p.setC({ ...p.c, notification: { ...p.c.notification, providers } });
  const upd = (i: number, patch: Partial<NotificationProvider>) => setList(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const blank: NotificationProvider = {
    type: 'telegram', enabled: true, token: '', chat_id: '', webhook_url: null, server_url: null, device_key: null,
    user_key: null, api_token: null, template: null, url: null,
  };
  return (
    <div class="providers">
      <h2 class="h3">{t('settings.providers')}</h2>
      {list.map((pr, i) => {
        const base = `notification.providers[${i}]`;
        return (
          <div class="card inner" key={i} data-testid="provider">
            <SelectField
              label={t('settings.notification.type')}
              name={base + '.type'}
              value={pr.type}
              options={(PROVIDER_TYPES.includes(pr.type) ? PROVIDER_TYPES : [pr.type, ...PROVIDER_TYPES]).map((v) => ({ value: v, label: v }))}
              onChange={(v) => upd(i, { type: v })}
              error={p.errAt(base + '.type')}
            />
            <Switch label={t('settings.provider_enabled')} checked={pr.enabled} onChange={(v) => upd(i, { enabled: v })} />
            {(PROVIDER_FIELDS[pr.type] ?? ['token', 'chat_id', 'url']).map((k) => (
              <TextField
                key={k}
                label={tOr('cfg.provider.' + k, k)}
                name={`${base}.${k}`}
                type={SECRET_KEYS.includes(k) ? 'password' : 'text'}
                autoComplete="off"
                multiline={k === 'template'}
                value={String(pr[k] ?? '')}
                onInput={(v) => upd(i, { [k]: v })}
                error={p.errAt(`${base}.${k}`)}
              />
            ))}
            <div class="actions">
              <Button busy={p.busy === 'n' + i} onClick={() => void p.test('n' + i, async () => {
                const r = await api.testNotification(pr);
                return { success: r.success, message_en: r.message_en || r.message, message_zh: r.message_zh || r.message };
              })} data-testid="provider-test">
                {t('settings.notification.test')}
              </Button>
              <Button variant="danger" onClick={() => setList(list.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </Button>
            </div>
            <TestResult result={p.tests['n' + i] ?? null} testid="provider-test-result" />
          </div>
        );
      })}
      <FieldError error={p.errAt('notification.providers')} />
      <Button onClick={() => setList([...list, blank])} data-testid="provider-add">
        {t('settings.provider_add')}
      </Button>
    </div>
  );
}

/** The named instances besides the default: rules and feeds pick one of them by name. */
type TestFn = (name: string, fn: () => Promise<{ success: boolean; message_en: string; message_zh: string }>) => Promise<void>;

function Downloaders(p: {
  c: Full;
  setC: (c: Full) => void;
  errAt: (path: string) => string | undefined;
  test: TestFn;
  tests: Record<string, { success: boolean; text: string } | null>;
  busy: string | null;
}) {
  const list = p.c.downloaders;
  const setList = (downloaders: DownloaderConfig[]) => p.setC({ ...p.c, downloaders });
  const upd = (i: number, patch: Partial<DownloaderConfig>) => setList(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const blank: DownloaderConfig = {
    name: '', type: 'qbittorrent', host: '', username: '', password: '', path: p.c.downloader.path, ssl: false, api_key: '',
    library_root: '', library_mode: '', path_mappings: [],
  };
  const text: [keyof DownloaderConfig, boolean][] = [['name', false], ['host', false], ['username', false], ['password', true], ['api_key', true], ['path', false]];
  return (
    <div class="providers" data-testid="downloaders">
      <h2 class="h3">{t('settings.downloaders')}</h2>
      <p class="hint">{t('settings.downloaders_hint')}</p>
      {list.map((d, i) => {
        const base = `downloaders[${i}]`;
        return (
          <div class="card inner" key={i} data-testid="downloader-instance">
            <SelectField
              label={label('downloader', 'type')}
              name={base + '.type'}
              value={d.type}
              options={(DOWNLOADER_TYPES.includes(d.type) ? DOWNLOADER_TYPES : [d.type, ...DOWNLOADER_TYPES]).map((v) => ({ value: v, label: tOr(`cfg.choice.${v}`, v) }))}
              onChange={(v) => upd(i, { type: v })}
              error={p.errAt(base + '.type')}
            />
            {text.map(([k, secret]) => (
              <TextField
                key={k}
                label={label('downloader', k)}
                name={`${base}.${k}`}
                type={secret ? 'password' : 'text'}
                autoComplete="off"
                value={String(d[k] ?? '')}
                onInput={(v) => upd(i, { [k]: v })}
                hint={secret ? t('settings.secret_hint') : undefined}
                error={p.errAt(`${base}.${k}`)}
              />
            ))}
            <Switch label={label('downloader', 'ssl')} checked={d.ssl} onChange={(v) => upd(i, { ssl: v })} />
            <Button
              busy={p.busy === 'dl' + i}
              data-testid="downloader-instance-test"
              onClick={() =>
                // `instance` says whose saved password and key the masked ones stand for.
                void p.test('dl' + i, () => api.testDownloader({ type: d.type, host: d.host, username: d.username, password: d.password, ssl: d.ssl, api_key: d.api_key, instance: d.name }))
              }
            >
              {t('common.test_connection')}
            </Button>
            <TestResult result={p.tests['dl' + i] ?? null} testid="downloader-instance-test-result" />
            <LibraryFields base={base} value={d} onChange={(patch) => upd(i, patch)} errAt={p.errAt} />
            <div class="actions">
              <Button variant="danger" onClick={() => setList(list.filter((_, j) => j !== i))} data-testid="downloader-remove">
                {t('common.remove')}
              </Button>
            </div>
          </div>
        );
      })}
      <FieldError error={p.errAt('downloaders')} />
      <Button onClick={() => setList([...list, blank])} data-testid="downloader-add">
        {t('settings.downloader_add')}
      </Button>
    </div>
  );
}
