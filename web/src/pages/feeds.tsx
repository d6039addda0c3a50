// Feeds: when each was last read, how many items it has, what went wrong; add (tested first),
// switch on and off, refresh with progress, delete.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type RssItem } from '../api/client';
import { payload, subscribe } from '../api/events';
import { Dialog } from '../components/dialog';
import { toastError, toastResult } from '../components/toast';
import { Badge, Button, Empty, Loading, SelectField, Switch, TestResult, TextField } from '../components/ui';
import { useAction, useLoad } from '../hooks';
import { fmtRelative, fmtTime, msg, t } from '../i18n';
import { href } from '../router';
import { DownloaderChoice } from './downloader-choice';

interface Progress {
  done: number;
  total: number;
  /** The feed being read now, when the event says. */
  current: string | null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && isFinite(v) ? v : null;
}

/** Progress events name their counts a little differently from version to version. */
function readProgress(d: Record<string, unknown>): Progress | null {
  const done = num(d.done) ?? num(d.completed) ?? num(d.finished) ?? num(d.current);
  const total = num(d.total) ?? num(d.count) ?? num(d.feeds);
  if (done === null || total === null) return null;
  const name = d.name ?? d.feed ?? d.current;
  return { done, total, current: typeof name === 'string' && name ? name : null };
}

export function Feeds() {
  const feeds = useLoad(() => api.feeds());
  const [counts, setCounts] = useState<Record<number, number>>({});
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<RssItem | null>(null);
  const [confirm, setConfirm] = useState<RssItem | null>(null);
  const [refreshing, setRefreshing] = useState<number | 'all' | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const { busy, run } = useAction();

  const loadCounts = async (list: RssItem[]) => {
    for (const f of list) {
      try {
        const r = await api.feedItems(f.id, { limit: 1, offset: 0 });
        setCounts((c) => ({ ...c, [f.id]: r.total }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return;
      }
    }
  };
  useEffect(() => {
    if (feeds.data) void loadCounts(feeds.data);
  }, [feeds.data]);

  useEffect(
    () =>
      subscribe((ev) => {
        if (ev.kind.includes('progress')) {
          const pr = readProgress(payload(ev));
          if (pr) setProgress(pr);
        }
        if (ev.kind === 'feed_refreshed' && refreshing === null) void feeds.reload();
      }),
    [refreshing],
  );

  const refresh = async (target: number | 'all') => {
    setRefreshing(target);
    setProgress(null);
    try {
      const r = target === 'all' ? await api.refreshAll() : await api.refreshFeed(target);
      toastResult(r);
    } catch (e) {
      toastError(e);
    } finally {
      setRefreshing(null);
      setProgress(null);
      await feeds.reload();
    }
  };

  const toggle = async (f: RssItem, on: boolean) => {
    const r = await run('t' + f.id, () => (on ? api.enableFeeds([f.id]) : api.disableFeed(f.id)));
    if (r) {
      toastResult(r);
      feeds.setData((list) => (list ?? []).map((x) => (x.id === f.id ? { ...x, enabled: on } : x)));
    }
  };

  const remove = async (f: RssItem) => {
    const r = await run('del', () => api.deleteFeed(f.id));
    if (r) {
      toastResult(r);
      setConfirm(null);
      void feeds.reload();
    }
  };

  return (
    <section>
      <div class="page-head">
        <h1>{t('nav.feeds')}</h1>
        <div class="actions">
          <Button variant="primary" onClick={() => setAdding(true)} data-testid="feed-add">
            {t('feeds.add')}
          </Button>
          <Button busy={refreshing === 'all'} disabled={refreshing !== null} onClick={() => void refresh('all')} data-testid="feed-refresh-all">
            {t('feeds.refresh_all')}
          </Button>
        </div>
      </div>
      {refreshing !== null && (
        <div class="progress-box" role="status" data-testid="refresh-progress">
          <span>
            {progress ? t('feeds.progress', { done: progress.done, total: progress.total }) : t('feeds.refreshing')}
            {progress?.current && <span class="muted"> · {progress.current}</span>}
          </span>
          <progress max={progress?.total || 1} value={progress ? progress.done : undefined} aria-label={t('feeds.refreshing')} />
        </div>
      )}
      {feeds.loading && !feeds.data && <Loading label={t('common.loading')} />}
      {feeds.error && <p class="form-error">{feeds.error}</p>}
      {feeds.data && feeds.data.length === 0 && <Empty>{t('feeds.none')}</Empty>}
      {feeds.data && feeds.data.length > 0 && (
        <ul class="feed-list">
          {feeds.data.map((f) => (
            <li key={f.id} class="card feed-row" data-testid="feed-row" data-id={f.id}>
              <div class="feed-main">
                <h2 class="h3">
                  <a href={href(`/feeds/${f.id}`)}>{f.name || f.url}</a>
                </h2>
                <p class="muted small mono break">{f.url}</p>
                <p class="small">
                  {f.connection_status === 'error' || f.last_error ? (
                    <Badge kind="error">{t('feeds.status_error')}</Badge>
                  ) : f.connection_status ? (
                    <Badge kind="ok">{t('feeds.status_ok')}</Badge>
                  ) : (
                    <Badge>{t('feeds.status_unknown')}</Badge>
                  )}{' '}
                  {f.aggregate && <Badge kind="info">{t('feeds.aggregate')}</Badge>} {t('feeds.last_checked')}:{' '}
                  <time title={fmtTime(f.last_checked_at)}>{fmtRelative(f.last_checked_at)}</time> · {t('feeds.items_n', { n: counts[f.id] ?? '…' })}
                </p>
                {f.last_error && (
                  <p class="form-error small" data-testid="feed-error">
                    {t('feeds.last_error')}: {f.last_error}
                  </p>
                )}
              </div>
              <div class="feed-actions">
                <Switch label={t('feeds.enabled_named', { name: f.name || f.url })} hideLabel checked={f.enabled} onChange={(v) => void toggle(f, v)} testid="feed-enabled" />
                <Button busy={refreshing === f.id} disabled={refreshing !== null} onClick={() => void refresh(f.id)} data-testid="feed-refresh">
                  {t('feeds.refresh')}
                </Button>
                <a class="btn" href={href(`/feeds/${f.id}`)}>
                  {t('feeds.items')}
                </a>
                <Button onClick={() => setEditing(f)} data-testid="feed-edit">
                  {t('feeds.edit')}
                </Button>
                <Button variant="danger" onClick={() => setConfirm(f)} data-testid="feed-delete">
                  {t('common.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {adding && <AddFeed onClose={() => setAdding(false)} onAdded={() => { setAdding(false); void feeds.reload(); }} />}
      {editing && <AddFeed feed={editing} onClose={() => setEditing(null)} onAdded={() => { setEditing(null); void feeds.reload(); }} />}
      {confirm && (
        <Dialog
          title={t('feeds.delete_title')}
          onClose={() => setConfirm(null)}
          testid="confirm-dialog"
          footer={
            <>
              <Button onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
              <Button variant="danger" busy={busy === 'del'} onClick={() => void remove(confirm)} data-testid="confirm-delete">
                {t('common.delete')}
              </Button>
            </>
          }
        >
          <p>{t('feeds.delete_body', { name: confirm.name || confirm.url })}</p>
        </Dialog>
      )}
    </section>
  );
}

function AddFeed(p: { onClose: () => void; onAdded: () => void; feed?: RssItem }) {
  const [url, setUrl] = useState(p.feed?.url ?? '');
  const [name, setName] = useState(p.feed?.name ?? '');
  const [aggregate, setAggregate] = useState(p.feed?.aggregate ?? true);
  const [parser, setParser] = useState(p.feed?.parser ?? 'mikan');
  const [downloader, setDownloader] = useState<string | null>(p.feed?.downloader ?? null);
  const [test, setTest] = useState<{ success: boolean; text: string } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const { busy, run } = useAction();
  const doTest = async () => {
    if (!/^https?:\/\//.test(url)) {
      setErr(t('feeds.err_url'));
      return;
    }
    setErr(null);
    try {
      const r = await api.testNetwork(url);
      setTest({ success: r.success, text: msg(r) });
    } catch (e) {
      setTest({ success: false, text: e instanceof ApiError ? msg(e) : String(e) });
    }
  };
  const add = async () => {
    if (!/^https?:\/\//.test(url)) {
      setErr(t('feeds.err_url'));
      return;
    }
    const feed = p.feed;
    const r = await run('add', () =>
      feed ? api.updateFeed(feed.id, { ...feed, url, name: name || null, aggregate, parser, downloader }) : api.addFeed({ url, name: name || null, aggregate, parser, downloader }),
    );
    if (r) {
      toastResult(r);
      p.onAdded();
    }
  };
  return (
    <Dialog
      title={p.feed ? t('feeds.edit') : t('feeds.add')}
      onClose={p.onClose}
      footer={
        <>
          <Button onClick={p.onClose}>{t('common.cancel')}</Button>
          <Button busy={busy === 'add'} variant="primary" onClick={() => void add()} data-testid="feed-add-submit">
            {p.feed ? t('common.save') : t('feeds.add')}
          </Button>
        </>
      }
    >
      <TextField label={t('feeds.url')} name="url" type="url" value={url} onInput={setUrl} error={err} testid="feed-url" />
      <TextField label={t('feeds.name_optional')} name="name" value={name} onInput={setName} testid="feed-name" />
      <Switch label={t('feeds.aggregate_label')} checked={aggregate} onChange={setAggregate} />
      <p class="hint">{t('feeds.aggregate_hint')}</p>
      <SelectField
        label={t('feeds.parser')}
        value={parser}
        onChange={setParser}
        options={[
          { value: 'mikan', label: 'Mikan' },
          { value: 'tmdb', label: 'TMDB' },
          { value: 'parser', label: t('feeds.parser_none') },
        ]}
      />
      <DownloaderChoice label={t('feeds.downloader')} value={downloader} onChange={setDownloader} testid="feed-downloader" />
      <Button onClick={() => void doTest()} data-testid="feed-test">
        {t('feeds.test')}
      </Button>
      <TestResult result={test} testid="feed-test-result" />
    </Dialog>
  );
}
