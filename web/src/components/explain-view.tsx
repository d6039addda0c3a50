// The parser's reading of a title: coloured spans over the title, then the fields.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type TitleExplanation } from '../api/client';
import { msg, t, tOr } from '../i18n';
import { Button, Loading, useId } from './ui';

const FIELD_ORDER = [
  'group', 'title_zh', 'title_en', 'title_jp', 'season', 'season_raw', 'episode', 'version', 'batch', 'episode_type',
  'resolution', 'source', 'platform', 'sub', 'video', 'audio', 'crc32', 'year',
] as const;

function colour(field: string): string {
  const base = field.replace(/^title_.*/, 'title');
  return 'span-' + base.replace(/[^a-z0-9_]/g, '');
}

/** Pieces of the title (indexed in code points), each tagged with its field or none. */
export function segments(title: string, spans: TitleExplanation['spans']): { text: string; field: string | null }[] {
  const chars = Array.from(title);
  const owner: (number | null)[] = chars.map(() => null);
  spans.forEach((s, i) => {
    for (let c = Math.max(0, s.start); c < Math.min(chars.length, s.end); c++) owner[c] = i;
  });
  const out: { text: string; field: string | null }[] = [];
  let cur: number | null | undefined;
  for (let c = 0; c < chars.length; c++) {
    if (c === 0 || owner[c] !== cur) {
      out.push({ text: '', field: owner[c] === null ? null : spans[owner[c] as number].field });
      cur = owner[c];
    }
    out[out.length - 1].text += chars[c];
  }
  return out;
}

export function ExplainResult(p: { ex: TitleExplanation }) {
  const segs = segments(p.ex.title, p.ex.spans);
  const fields = p.ex.fields as unknown as Record<string, unknown>;
  return (
    <div class="explain" data-testid="explain-result">
      <p class="explain-title" aria-label={p.ex.title}>
        {segs.map((s, i) =>
          s.field ? (
            <mark key={i} class={'span ' + colour(s.field)} title={tOr('field.' + s.field, s.field)} data-field={s.field}>
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </p>
      <table class="table compact">
        <caption class="sr-only">{t('explain.fields')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('explain.field')}</th>
            <th scope="col">{t('explain.value')}</th>
            <th scope="col">{t('explain.from')}</th>
          </tr>
        </thead>
        <tbody>
          {FIELD_ORDER.map((f) => {
            const v = fields[f];
            if (v === null || v === undefined || v === '' || v === false) return null;
            const spans = p.ex.spans.filter((s) => s.field === f);
            return (
              <tr key={f}>
                <th scope="row">
                  <mark class={'span ' + colour(f)} data-field={f}>
                    {tOr('field.' + f, f)}
                  </mark>
                </th>
                <td>{String(v)}</td>
                <td class="muted">{spans.map((s) => `“${s.text}”`).join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ExplainBox(p: { initial?: string; auto?: boolean }) {
  const [title, setTitle] = useState(p.initial ?? '');
  const [ex, setEx] = useState<TitleExplanation | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId('ex');
  const go = async (value = title) => {
    if (!value.trim()) return;
    setBusy(true);
    setErr(null);
    try {
      setEx(await api.explain(value));
    } catch (e) {
      setErr(e instanceof ApiError ? msg(e) : String(e));
      setEx(null);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (p.auto && p.initial) void go(p.initial);
  }, []);
  return (
    <div>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void go(); }}>
        <div class="field grow">
          <label for={id}>{t('explain.release_title')}</label>
          <input id={id} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} data-testid="explain-input" />
        </div>
        <Button type="submit" variant="primary" busy={busy} data-testid="explain-submit">
          {t('explain.run')}
        </Button>
      </form>
      {busy && !ex && <Loading label={t('common.loading')} />}
      {err && <p class="form-error" role="alert">{err}</p>}
      {ex && <ExplainResult ex={ex} />}
    </div>
  );
}
