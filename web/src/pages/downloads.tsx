// The daemon's torrents: progress, speed, state and what the renamer did with each.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type Download } from '../api/client';
import { subscribe } from '../api/events';
import { Dialog } from '../components/dialog';
import { toastResult } from '../components/toast';
import { Badge, Button, Empty, Loading, SelectField, Switch } from '../components/ui';
import { VirtualList } from '../components/vlist';
import { useAction, useLoad, useNarrow } from '../hooks';
import { bi, fmtBytes, t, tOr } from '../i18n';
import { href } from '../router';

const RENAME_STATES = ['', 'renamed', 'held', 'failed', 'pending', 'unparsed', 'none'];

function renameKind(s: string): 'ok' | 'warn' | 'error' | 'muted' | 'info' {
  if (s === 'renamed') return 'ok';
  if (s === 'held') return 'warn';
  if (s === 'failed' || s === 'unparsed') return 'error';
  if (s === 'pending') return 'info';
  return 'muted';
}

function eta(s: number | null): string {
  if (s === null || s < 0 || s >= 8640000) return '∞';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  return `${Math.floor(s / 3600)}h${Math.round((s % 3600) / 60)}m`;
}

export function Downloads() {
  const dl = useLoad(() => api.downloads());
  const [rename, setRename] = useState(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('rename') ?? '');
  const [q, setQ] = useState('');
  const [confirm, setConfirm] = useState<Download | null>(null);
  const [withFiles, setWithFiles] = useState(false);
  const { busy, run } = useAction();
  const narrow = useNarrow();
  const failed = useRef(false);
  failed.current = dl.error !== null;

  useEffect(() => {
    // Progress changes all the time: poll while the page is open and visible.
    const id = window.setInterval(() => {
      // A failing downloader is not asked again every few seconds: the retry button does that.
      if (document.visibilityState === 'visible' && !failed.current) void dl.reload();
    }, 5000);
    const off = subscribe((ev) => {
      if (ev.kind === 'torrent_added' || ev.kind === 'file_renamed') void dl.reload();
    });
    return () => {
      window.clearInterval(id);
      off();
    };
  }, []);

  const shown = useMemo(
    () =>
      (dl.data?.torrents ?? []).filter(
        (x) => (!rename || x.rename_state === rename) && (!q || x.name.toLowerCase().includes(q.toLowerCase())),
      ),
    [dl.data, rename, q],
  );

  const act = async (name: string, fn: () => Promise<{ msg_en: string; msg_zh: string; status?: boolean }>) => {
    const r = await run(name, fn);
    if (r) {
      toastResult(r);
      void dl.reload();
    }
  };

  const row = (x: Download) => {
    const paused = x.state === 'paused';
    return (
      <div class="torrent-row" data-testid="torrent-row" data-hash={x.hash} data-state={x.state} data-rename={x.rename_state}>
        <div class="grow ellipsis">
          <span class="ellipsis-line" title={x.name}>
            {x.bangumi_id != null ? <a href={href(`/rules/${x.bangumi_id}`)}>{x.name}</a> : x.name}
          </span>
          <div class="row gap small">
            <progress max={1} value={x.progress} aria-label={t('dl.progress_of', { name: x.name })} />
            <span>{Math.round(x.progress * 1000) / 10}%</span>
            <Badge kind={x.state === 'error' ? 'error' : x.state === 'downloading' ? 'info' : x.state === 'paused' ? 'muted' : 'ok'}>
              {tOr('dl.state_' + x.state, x.state)}
            </Badge>
            <span class="muted">
              ↓ {fmtBytes(x.dlspeed)}/s · ↑ {fmtBytes(x.upspeed)}/s · {fmtBytes(x.size)} · {t('dl.eta')} {eta(x.eta)}
            </span>
          </div>
          <span class="small ellipsis-line">
            <Badge kind={renameKind(x.rename_state)}>{tOr('dl.rename_' + x.rename_state, x.rename_state)}</Badge>{' '}
            <span class="muted">{bi(x.rename_detail_en, x.rename_detail_zh)}</span>
          </span>
        </div>
        <div class="item-actions">
          {paused ? (
            <Button class="btn-small" busy={busy === 'r' + x.hash} onClick={() => void act('r' + x.hash, () => api.resume([x.hash]))} data-testid="torrent-resume">
              {t('dl.resume')}
            </Button>
          ) : (
            <Button class="btn-small" busy={busy === 'p' + x.hash} onClick={() => void act('p' + x.hash, () => api.pause([x.hash]))} data-testid="torrent-pause">
              {t('dl.pause')}
            </Button>
          )}
          <Button class="btn-small" variant="danger" onClick={() => { setWithFiles(false); setConfirm(x); }} data-testid="torrent-delete">
            {t('common.delete')}
          </Button>
        </div>
      </div>
    );
  };

  return (
    <section>
      <div class="page-head">
        <h1>{t('nav.downloads')}</h1>
        <div class="actions">
          <Button busy={busy === 'rename'} onClick={() => void act('rename', api.runRename)}>
            {t('dl.run_rename')}
          </Button>
        </div>
      </div>
      <div class="toolbar">
        <div class="field">
          <label for="dl-q">{t('dl.search')}</label>
          <input id="dl-q" type="search" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <SelectField
          label={t('dl.rename_filter')}
          value={rename}
          onChange={setRename}
          options={RENAME_STATES.map((s) => ({ value: s, label: s ? tOr('dl.rename_' + s, s) : t('rules.filter_all') }))}
        />
      </div>
      {dl.loading && !dl.data && <Loading label={t('common.loading')} />}
      {dl.error && (
        <div class="callout warn" role="alert">
          <p>{dl.error}</p>
          <Button busy={dl.loading} onClick={() => void dl.reload()} data-testid="downloads-retry">
            {t('common.retry')}
          </Button>
        </div>
      )}
      {dl.data && shown.length === 0 && <Empty>{t('dl.none')}</Empty>}
      {shown.length > 0 && <VirtualList items={shown} rowHeight={narrow ? 140 : 92} render={row} label={t('nav.downloads')} testid="torrent-list" />}
      {confirm && (
        <Dialog
          title={t('dl.delete_title')}
          onClose={() => setConfirm(null)}
          testid="confirm-dialog"
          footer={
            <>
              <Button onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
              <Button
                variant="danger"
                busy={busy === 'd'}
                data-testid="confirm-delete"
                onClick={() => void act('d', () => api.deleteTorrents([confirm.hash], withFiles)).then(() => setConfirm(null))}
              >
                {t('common.delete')}
              </Button>
            </>
          }
        >
          <p class="break">{confirm.name}</p>
          <Switch label={t('dl.delete_files')} checked={withFiles} onChange={setWithFiles} testid="delete-files" />
        </Dialog>
      )}
    </section>
  );
}
