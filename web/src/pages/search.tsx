// Search a site; results arrive one by one and are grouped by show, then by release group.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, searchUrl, type Bangumi, type RssItem } from '../api/client';
import { toastResult } from '../components/toast';
import { Button, Empty, Poster } from '../components/ui';
import { useAction, useLoad } from '../hooks';
import { bi, t } from '../i18n';

function feedFor(b: Bangumi, site: string): RssItem {
  return {
    id: 0,
    name: b.official_title,
    url: b.rss_link.split(',')[0] ?? '',
    aggregate: false,
    parser: site === 'mikan' ? 'mikan' : 'tmdb',
    enabled: true,
    connection_status: null,
    last_checked_at: null,
    last_error: null,
    downloader: null,
  };
}

export function Search() {
  const providers = useLoad(() => api.providers());
  const [site, setSite] = useState('mikan');
  const [keywords, setKeywords] = useState('');
  const [results, setResults] = useState<Bangumi[]>([]);
  const [state, setState] = useState<'idle' | 'running' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const es = useRef<EventSource | null>(null);
  const { busy, run } = useAction();

  useEffect(() => {
    const list = providers.data;
    if (list && list.length && !list.includes(site)) setSite(list[0]);
  }, [providers.data]);
  useEffect(() => () => es.current?.close(), []);

  const start = (e: Event) => {
    e.preventDefault();
    es.current?.close();
    const kw = keywords.trim();
    if (!kw) return;
    setResults([]);
    setError(null);
    setState('running');
    const src = new EventSource(searchUrl(site, kw), { withCredentials: true });
    es.current = src;
    src.onmessage = (m: MessageEvent<string>) => {
      try {
        const b = JSON.parse(m.data) as Bangumi;
        setResults((r) => [...r, b]);
      } catch {
        // a keep-alive or a malformed line
      }
    };
    src.addEventListener('error', (ev: Event) => {
      // A named `error` event carries the server's message; a bare one means the stream ended.
      const data = (ev as MessageEvent<string>).data;
      if (typeof data === 'string' && data) {
        try {
          const body = JSON.parse(data) as { msg_en: string; msg_zh: string };
          setError(bi(body.msg_en, body.msg_zh));
        } catch {
          setError(data);
        }
      }
      src.close();
      if (es.current === src) es.current = null;
      setState('done');
    });
  };

  const stop = () => {
    es.current?.close();
    es.current = null;
    setState('done');
  };

  const groups = useMemo(() => {
    const shows = new Map<string, Map<string, Bangumi[]>>();
    for (const b of results) {
      const show = b.official_title || b.title_raw;
      if (!shows.has(show)) shows.set(show, new Map());
      const g = shows.get(show) as Map<string, Bangumi[]>;
      const group = b.group_name || '—';
      if (!g.has(group)) g.set(group, []);
      (g.get(group) as Bangumi[]).push(b);
    }
    return shows;
  }, [results]);

  const subscribe = async (b: Bangumi, key: string) => {
    const r = await run('s' + key, () => api.subscribe(b, feedFor(b, site)));
    if (r) toastResult(r);
  };
  const collect = async (b: Bangumi, key: string) => {
    const r = await run('c' + key, () => api.collect(b));
    if (r) toastResult(r);
  };

  let n = 0;
  return (
    <section>
      <h1>{t('nav.search')}</h1>
      <form class="inline-form" role="search" onSubmit={start}>
        <div class="field">
          <label for="search-site">{t('search.site')}</label>
          <select id="search-site" value={site} onChange={(e) => setSite((e.currentTarget as HTMLSelectElement).value)} data-testid="search-site">
            {(providers.data ?? [site]).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div class="field grow">
          <label for="search-kw">{t('search.keywords')}</label>
          <input id="search-kw" type="search" value={keywords} onInput={(e) => setKeywords((e.currentTarget as HTMLInputElement).value)} data-testid="search-input" />
        </div>
        <Button type="submit" variant="primary" busy={state === 'running'} data-testid="search-submit">
          {t('search.go')}
        </Button>
        {state === 'running' && <Button onClick={stop}>{t('search.stop')}</Button>}
      </form>
      <p class="muted small" role="status" aria-live="polite">
        {state === 'running' && t('search.running', { n: results.length })}
        {state === 'done' && t('search.done', { n: results.length })}
      </p>
      {error && <p class="form-error" role="alert">{error}</p>}
      {state === 'done' && results.length === 0 && !error && <Empty>{t('search.none')}</Empty>}
      {[...groups.entries()].map(([show, byGroup]) => {
        const first = [...byGroup.values()][0][0];
        return (
          <article key={show} class="card search-show">
            <div class="row gap">
              <Poster link={first.poster_link} title={show} small />
              <h2 class="h3">{show}</h2>
            </div>
            {[...byGroup.entries()].map(([group, list]) => (
              <div key={group} class="search-group">
                <h3 class="h4">{group}</h3>
                <ul class="plain">
                  {list.map((b) => {
                    const key = String(n++);
                    return (
                      <li key={key} class="search-result" data-testid="search-result">
                        <span class="grow">
                          {t('rules.season_n', { n: b.season })}
                          {b.dpi && ' · ' + b.dpi}
                          {b.subtitle && ' · ' + b.subtitle}
                          {b.source && ' · ' + b.source}
                          <span class="muted small"> · {b.title_raw}</span>
                        </span>
                        <Button class="btn-small" variant="primary" busy={busy === 's' + key} onClick={() => void subscribe(b, key)} data-testid="search-subscribe">
                          {t('search.subscribe')}
                        </Button>
                        <Button class="btn-small" busy={busy === 'c' + key} onClick={() => void collect(b, key)} data-testid="search-collect">
                          {t('search.collect')}
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </article>
        );
      })}
    </section>
  );
}
