// The main screen: every rule as a poster grid or a list, searchable and filterable.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, rpc, type Bangumi, type ForgottenRule } from '../api/client';
import { subscribe } from '../api/events';
import { toastError, toastResult } from '../components/toast';
import { Badge, Button, Empty, Loading, Poster, Switch } from '../components/ui';
import { VirtualList } from '../components/vlist';
import { useLoad } from '../hooks';
import { t, type Key } from '../i18n';
import { href, navigate } from '../router';

type Filter = 'all' | 'active' | 'disabled' | 'archived' | 'review';
const FILTERS: { v: Filter; k: Key }[] = [
  { v: 'all', k: 'rules.filter_all' },
  { v: 'active', k: 'rules.filter_active' },
  { v: 'disabled', k: 'rules.filter_disabled' },
  { v: 'archived', k: 'rules.filter_archived' },
  { v: 'review', k: 'rules.filter_review' },
];

function matches(b: Bangumi, f: Filter, q: string): boolean {
  if (f === 'active' && (b.deleted || b.archived)) return false;
  if (f === 'disabled' && !b.deleted) return false;
  if (f === 'archived' && !b.archived) return false;
  if (f === 'review' && !b.needs_review) return false;
  if (!q) return true;
  const hay = [b.official_title, b.title_raw, b.group_name ?? '', b.title_aliases ?? ''].join(' ').toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => hay.includes(w));
}

export function RuleState(p: { b: Bangumi }) {
  const b = p.b;
  return (
    <span class="badges">
      {b.deleted && <Badge kind="muted">{t('rules.disabled')}</Badge>}
      {b.archived && <Badge kind="info">{t('rules.archived')}</Badge>}
      {b.needs_review && <Badge kind="warn" title={b.needs_review_reason ?? ''}>{t('rules.needs_review')}</Badge>}
    </span>
  );
}

/** Rules deleted from a collection feed, remembered so the feed does not make them again: undo
 * (the rule is made again from the feed at once) or forget the memory only. */
export function ForgottenRules(p: { changed: number }) {
  // Reloaded whenever the rule list changes (a deletion adds a memory).
  const list = useLoad(() => rpc('BangumiService.ListForgottenRules', {}), [p.changed]);
  const act = async (r: ForgottenRule, undo: boolean) => {
    try {
      toastResult(
        undo
          ? await rpc('BangumiService.RestoreForgottenRule', { id: r.id }, { method: 'POST' })
          : await rpc('BangumiService.DeleteForgottenRule', { id: r.id }, { method: 'DELETE' }),
      );
      list.setData((rows) => (rows ?? []).filter((x) => x.id !== r.id));
    } catch (e) {
      toastError(e);
    }
  };
  if (!list.data || list.data.length === 0) return null;
  return (
    <details class="forgotten-rules" data-testid="forgotten-rules">
      <summary>
        {t('rules.forgotten')} ({list.data.length})
      </summary>
      <p class="muted small">{t('rules.forgotten_hint')}</p>
      <ul>
        {list.data.map((r) => {
          const title = r.official_title || r.title_raw;
          return (
            <li key={r.id} class="rule-row" data-testid="forgotten-rule" data-id={r.id}>
              <div class="grow ellipsis">
                {title}
                <span class="muted small">
                  {' '}
                  · {t('rules.season_n', { n: r.season })}
                  {r.group_name ? ' · ' + r.group_name : ''}
                </span>
              </div>
              <Button onClick={() => void act(r, true)} aria-label={t('rules.forgotten_undo_named', { title })} data-testid="forgotten-undo">
                {t('rules.forgotten_undo')}
              </Button>
              <Button onClick={() => void act(r, false)} aria-label={t('rules.forgotten_forget_named', { title })} data-testid="forgotten-forget">
                {t('rules.forgotten_forget')}
              </Button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

export function Rules(p: { query: URLSearchParams }) {
  const rules = useLoad(() => api.rules());
  const [view, setView] = useState<'grid' | 'list'>(() => (localStorage.getItem('ab.rulesView') === 'list' ? 'list' : 'grid'));
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<Filter>((p.query.get('filter') as Filter) || 'all');
  const [width, setWidth] = useState(1000);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => subscribe((ev) => ev.kind === 'rules_changed' && void rules.reload()), []);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setWidth(el.clientWidth));
    });
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
    };
  }, [rules.data !== null]);
  useEffect(() => localStorage.setItem('ab.rulesView', view), [view]);

  const shown = useMemo(() => (rules.data ?? []).filter((b) => matches(b, filter, q.trim())), [rules.data, filter, q]);

  const toggle = async (b: Bangumi, on: boolean) => {
    if (b.id == null) return;
    try {
      const r = on ? await api.enableRule(b.id) : await api.disableRule(b.id);
      toastResult(r);
      rules.setData((list) => (list ?? []).map((x) => (x.id === b.id ? { ...x, deleted: !on } : x)));
    } catch (e) {
      toastError(e);
    }
  };

  const [posters, setPosters] = useState(false);
  const refreshPosters = async () => {
    setPosters(true);
    try {
      toastResult(await api.refreshPosters());
      await rules.reload();
    } catch (e) {
      toastError(e);
    } finally {
      setPosters(false);
    }
  };

  const card = (b: Bangumi) => (
    <article class="rule-card" data-testid="rule-card" data-id={b.id ?? ''}>
      <a href={href(`/rules/${b.id}`)} class="rule-link" aria-label={t('rules.edit_named', { title: b.official_title })}>
        <Poster link={b.poster_link} title={b.official_title} />
      </a>
      <div class="rule-meta">
        <h2 class="card-title">
          <a href={href(`/rules/${b.id}`)}>{b.official_title}</a>
        </h2>
        <p class="muted small">
          {t('rules.season_n', { n: b.season })}
          {b.group_name ? ' · ' + b.group_name : ''}
        </p>
        <RuleState b={b} />
        <Switch label={t('rules.enabled_named', { title: b.official_title })} hideLabel checked={!b.deleted} onChange={(v) => void toggle(b, v)} testid="rule-enabled" />
      </div>
    </article>
  );

  const row = (b: Bangumi) => (
    <div class="rule-row" data-testid="rule-card" data-id={b.id ?? ''}>
      <Poster link={b.poster_link} title={b.official_title} small />
      <div class="grow ellipsis">
        <a href={href(`/rules/${b.id}`)}>{b.official_title}</a>
        <span class="muted small">
          {' '}
          · {t('rules.season_n', { n: b.season })}
          {b.group_name ? ' · ' + b.group_name : ''}
          {b.dpi ? ' · ' + b.dpi : ''}
        </span>
      </div>
      <RuleState b={b} />
      <Switch label={t('rules.enabled_named', { title: b.official_title })} hideLabel checked={!b.deleted} onChange={(v) => void toggle(b, v)} testid="rule-enabled" />
    </div>
  );

  const cols = Math.max(2, Math.floor(width / 190));
  const gridRows = useMemo(() => {
    const out: Bangumi[][] = [];
    for (let i = 0; i < shown.length; i += cols) out.push(shown.slice(i, i + cols));
    return out;
  }, [shown, cols]);

  return (
    <section>
      <div class="page-head">
        <h1>{t('nav.rules')}</h1>
        <div class="actions">
          <Button busy={posters} onClick={() => void refreshPosters()} data-testid="refresh-posters">
            {t('rules.refresh_posters')}
          </Button>
          <a class="btn" href={href('/search')}>
            {t('rules.add_by_search')}
          </a>
          <a class="btn" href={href('/explain')}>
            {t('explain.title')}
          </a>
        </div>
      </div>
      <div class="toolbar" role="search">
        <label class="sr-only" for="rule-q">
          {t('rules.search')}
        </label>
        <input id="rule-q" type="search" placeholder={t('rules.search')} value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} data-testid="rule-search" />
        <div class="seg" role="group" aria-label={t('rules.filter')}>
          {FILTERS.map((f) => (
            <button
              type="button"
              key={f.v}
              class={'seg-btn' + (filter === f.v ? ' on' : '')}
              aria-pressed={filter === f.v}
              onClick={() => {
                setFilter(f.v);
                navigate(f.v === 'all' ? '/rules' : `/rules?filter=${f.v}`, true);
              }}
              data-testid={'rule-filter-' + f.v}
            >
              {t(f.k)}
            </button>
          ))}
        </div>
        <div class="seg" role="group" aria-label={t('rules.view')}>
          <button type="button" class={'seg-btn' + (view === 'grid' ? ' on' : '')} aria-pressed={view === 'grid'} onClick={() => setView('grid')} data-testid="view-grid">
            {t('rules.view_grid')}
          </button>
          <button type="button" class={'seg-btn' + (view === 'list' ? ' on' : '')} aria-pressed={view === 'list'} onClick={() => setView('list')} data-testid="view-list">
            {t('rules.view_list')}
          </button>
        </div>
      </div>
      <p class="muted small" aria-live="polite">
        {t('rules.count', { n: shown.length, total: rules.data?.length ?? 0 })}
      </p>
      {rules.loading && !rules.data && <Loading label={t('common.loading')} />}
      {rules.error && <p class="form-error">{rules.error}</p>}
      <ForgottenRules changed={rules.data?.length ?? 0} />
      <div ref={box}>
        {rules.data && shown.length === 0 && <Empty>{rules.data.length ? t('rules.none_match') : t('rules.none')}</Empty>}
        {shown.length > 0 &&
          (view === 'list' ? (
            <VirtualList items={shown} rowHeight={64} render={row} label={t('nav.rules')} testid="rule-list" />
          ) : (
            <VirtualList
              items={gridRows}
              rowHeight={330}
              label={t('nav.rules')}
              testid="rule-grid"
              overscan={2}
              render={(r) => (
                <div class="grid-row" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}>
                  {r.map((b) => (
                    <div key={b.id}>{card(b)}</div>
                  ))}
                </div>
              )}
            />
          ))}
      </div>
    </section>
  );
}
