// The log, live: the file's tail first, then each new line from the event stream.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { payload, subscribe } from '../api/events';
import { toastResult } from '../components/toast';
import { Button, Empty, Loading, SelectField } from '../components/ui';
import { VirtualList } from '../components/vlist';
import { useAction } from '../hooks';
import { t } from '../i18n';

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];
const MAX_LINES = 20000;

function norm(level: string): string {
  const l = level.toUpperCase();
  if (l === 'WARN') return 'WARNING';
  if (l === 'CRITICAL' || l === 'FATAL') return 'ERROR';
  return LEVELS.includes(l) ? l : 'INFO';
}

function levelOf(line: string): string {
  const m = /\b(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\b/.exec(line);
  return m ? norm(m[1]) : 'INFO';
}

interface Line {
  text: string;
  level: string;
}

export function LogPage() {
  const [lines, setLines] = useState<Line[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [min, setMin] = useState('DEBUG');
  const [q, setQ] = useState('');
  const [paused, setPaused] = useState(false);
  const held = useRef<Line[]>([]);
  const pausedRef = useRef(false);
  const { busy, run } = useAction();
  const [follow, setFollow] = useState(true);
  const listBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    // Lines that arrive while the file is being read may be in the file too: keep them aside
    // and add only those the file did not have.
    let early: Line[] | null = [];
    api
      .log()
      .then((text) => {
        if (!alive) return;
        const got = text.split('\n').filter(Boolean).map((l) => ({ text: l, level: levelOf(l) }));
        const tail = new Set(got.slice(-500).map((l) => l.text));
        const extra = (early ?? []).filter((l) => !tail.has(l.text));
        early = null;
        setLines([...got, ...extra].slice(-MAX_LINES));
      })
      .catch((e: unknown) => {
        if (alive) {
          const extra = early ?? [];
          early = null;
          setLines(extra);
          setError(String((e as Error).message ?? e));
        }
      });
    const off = subscribe((ev) => {
      if (ev.kind !== 'log_line') return;
      const d = payload(ev);
      const text = String(d.line ?? d.message ?? '');
      const line = { text, level: d.level ? norm(String(d.level)) : levelOf(text) };
      if (early) early.push(line);
      else if (pausedRef.current) held.current.push(line);
      else setLines((cur) => [...(cur ?? []), line].slice(-MAX_LINES));
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  const togglePause = () => {
    const next = !paused;
    setPaused(next);
    pausedRef.current = next;
    if (!next && held.current.length) {
      const more = held.current;
      held.current = [];
      setLines((cur) => [...(cur ?? []), ...more].slice(-MAX_LINES));
    }
  };

  const minIdx = LEVELS.indexOf(min);
  const shown = useMemo(
    () => (lines ?? []).filter((l) => LEVELS.indexOf(l.level) >= minIdx && (!q || l.text.toLowerCase().includes(q.toLowerCase()))),
    [lines, minIdx, q],
  );

  useEffect(() => {
    if (!follow || paused) return;
    const el = listBox.current?.querySelector('.vlist');
    if (el) el.scrollTop = el.scrollHeight;
  }, [shown.length, follow, paused]);

  const clear = async () => {
    const r = await run('clear', api.clearLog);
    if (r) {
      toastResult(r);
      setLines([]);
    }
  };

  return (
    <section>
      <div class="page-head">
        <h1>{t('nav.log')}</h1>
        <div class="actions">
          <Button onClick={togglePause} aria-pressed={paused} data-testid="log-pause">
            {paused ? t('log.resume', { n: held.current.length }) : t('log.pause')}
          </Button>
          <Button variant="danger" busy={busy === 'clear'} onClick={() => void clear()} data-testid="log-clear">
            {t('log.clear')}
          </Button>
        </div>
      </div>
      <div class="toolbar">
        <SelectField label={t('log.level')} value={min} onChange={setMin} options={LEVELS.map((l) => ({ value: l, label: l }))} testid="log-level" />
        <div class="field grow">
          <label for="log-q">{t('log.search')}</label>
          <input id="log-q" type="search" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} data-testid="log-search" />
        </div>
        <label class="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.currentTarget as HTMLInputElement).checked)} /> {t('log.follow')}
        </label>
      </div>
      {lines === null && <Loading label={t('common.loading')} />}
      {error && lines?.length === 0 && <p class="muted">{error}</p>}
      {lines !== null && shown.length === 0 && <Empty>{t('log.empty')}</Empty>}
      <div ref={listBox}>
        {shown.length > 0 && (
          <VirtualList
            items={shown}
            rowHeight={22}
            label={t('nav.log')}
            testid="log-list"
            render={(l) => (
              <div class={'log-line lvl-' + l.level.toLowerCase()} data-testid="log-line" data-level={l.level} title={l.text}>
                {l.text}
              </div>
            )}
          />
        )}
      </div>
    </section>
  );
}
