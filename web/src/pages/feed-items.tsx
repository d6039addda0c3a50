// One feed's items with the decision taken for each, and what can be done about an unmatched one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type FeedItem, type RssItem } from '../api/client';
import { Dialog } from '../components/dialog';
import { ExplainBox } from '../components/explain-view';
import { toastResult } from '../components/toast';
import { Badge, Button, Empty, Loading, SelectField } from '../components/ui';
import { VirtualList } from '../components/vlist';
import { useAction, useLoad, useNarrow } from '../hooks';
import { bi, fmtTime, t, tOr } from '../i18n';
import { href, navigate } from '../router';

const PAGE = 200;
const STATUSES = ['', 'downloaded', 'pending', 'filtered', 'duplicate', 'superseded', 'replaced', 'failed', 'no_rule'];

function statusKind(s: string): 'ok' | 'warn' | 'error' | 'info' | 'muted' {
  if (s === 'downloaded') return 'ok';
  if (s === 'failed') return 'error';
  if (s === 'no_rule' || s === 'pending') return 'warn';
  if (s === 'filtered' || s === 'duplicate' || s === 'superseded' || s === 'replaced') return 'muted';
  return 'info';
}

export function FeedItems(p: { id: number }) {
  const feed = useLoad<RssItem | null>(async () => (await api.feeds()).find((f) => f.id === p.id) ?? null, [p.id]);
  const [status, setStatus] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [items, setItems] = useState<(FeedItem | undefined)[]>([]);
  const pages = useRef(new Set<number>());
  const gen = useRef(0);
  const [explain, setExplain] = useState<string | null>(null);
  const { busy, run } = useAction();
  const narrow = useNarrow();

  const loadPage = async (page: number, g: number) => {
    if (pages.current.has(page)) return;
    pages.current.add(page);
    try {
      const r = await api.feedItems(p.id, { limit: PAGE, offset: page * PAGE, status });
      if (g !== gen.current) return;
      setTotal(r.total);
      setItems((old) => {
        const next = old.length === r.total ? old.slice() : Array.from({ length: r.total }, (_, i) => old[i]);
        r.items.forEach((it, i) => (next[page * PAGE + i] = it));
        return next;
      });
    } catch {
      pages.current.delete(page);
    }
  };

  const reset = () => {
    gen.current++;
    pages.current = new Set();
    setItems([]);
    setTotal(null);
    void loadPage(0, gen.current);
  };
  useEffect(reset, [p.id, status]);

  const act = async (name: string, fn: () => Promise<{ msg_en: string; msg_zh: string }>) => {
    const r = await run(name, fn);
    if (r) {
      toastResult(r);
      reset();
    }
  };
  const makeRule = async (it: FeedItem) => {
    const r = await run('rule' + it.id, () => api.ruleFromItem(it.id));
    if (r && r.id != null) navigate(`/rules/${r.id}`);
  };

  const row = (it: FeedItem | undefined, i: number) => {
    if (!it) {
      void loadPage(Math.floor(i / PAGE), gen.current);
      return <div class="item-row placeholder" aria-hidden="true" />;
    }
    const unmatched = it.status === 'no_rule' || it.status === 'pending' || it.status === 'filtered' || it.status === 'failed';
    return (
      <div class="item-row" data-testid="feed-item" data-status={it.status} data-id={it.id}>
        <div class="grow ellipsis">
          <span class="ellipsis-line" title={it.name}>
            {it.name}
          </span>
          <span class="muted small ellipsis-line">
            <Badge kind={statusKind(it.status)}>{tOr('item.status_' + it.status, it.status)}</Badge> {bi(it.reason_en, it.reason_zh)}
            {it.bangumi_id != null && (
              <>
                {' · '}
                <a href={href(`/rules/${it.bangumi_id}`)}>{it.bangumi_title ?? t('item.rule')}</a>
              </>
            )}
            {it.bangumi_id == null && it.reason?.closest_rule_id != null && (
              <>
                {' · '}
                {t('item.closest')}{' '}
                <a href={href(`/rules/${it.reason.closest_rule_id}`)} data-testid="item-closest-rule">
                  {it.reason.closest_rule_title ?? t('item.rule')}
                </a>
              </>
            )}
            {it.published_at && <> · {fmtTime(it.published_at)}</>}
          </span>
        </div>
        <div class="item-actions">
          <Button class="btn-small" onClick={() => setExplain(it.name)} data-testid="item-explain">
            {t('explain.run')}
          </Button>
          {it.status === 'no_rule' && (
            <Button class="btn-small" busy={busy === 'rule' + it.id} onClick={() => void makeRule(it)} data-testid="item-make-rule">
              {t('item.make_rule')}
            </Button>
          )}
          {unmatched && (
            <Button class="btn-small" busy={busy === 'dl' + it.id} onClick={() => void act('dl' + it.id, () => api.downloadItem(it.id))} data-testid="item-download">
              {t('item.download_once')}
            </Button>
          )}
        </div>
      </div>
    );
  };

  return (
    <section>
      <div class="page-head">
        <h1>{feed.data ? feed.data.name || feed.data.url : t('feeds.items')}</h1>
        <a class="btn" href={href('/feeds')}>
          {t('common.back')}
        </a>
      </div>
      <div class="toolbar">
        <SelectField
          label={t('item.filter_status')}
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => ({ value: s, label: s ? tOr('item.status_' + s, s) : t('rules.filter_all') }))}
          testid="item-status-filter"
        />
        <p class="muted small" aria-live="polite">
          {total !== null && t('item.count', { n: total })}
        </p>
      </div>
      {total === null && <Loading label={t('common.loading')} />}
      {total === 0 && <Empty>{t('item.none')}</Empty>}
      {total !== null && total > 0 && <VirtualList items={items} rowHeight={narrow ? 104 : 64} render={row} label={t('feeds.items')} testid="feed-items" />}
      {explain !== null && (
        <Dialog title={t('explain.title')} onClose={() => setExplain(null)} wide>
          <ExplainBox initial={explain} auto />
        </Dialog>
      )}
    </section>
  );
}
