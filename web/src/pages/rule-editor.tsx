// One rule: what it matches, where episodes go, offsets with the detector's advice, release
// preferences, and what the renamer would do with its files.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Bangumi, type DetectOffsetResponse, type PreviewRenameResponse, type SuggestOffsetResponse } from '../api/client';
import { Dialog } from '../components/dialog';
import { ExplainBox } from '../components/explain-view';
import { toastError, toastResult } from '../components/toast';
import { Badge, Button, Empty, Loading, NumberField, Poster, SelectField, Switch, TextField } from '../components/ui';
import { useAction, useLoad } from '../hooks';
import { bi, t, tOr, type Key } from '../i18n';
import { href, navigate } from '../router';
import { DownloaderChoice } from './downloader-choice';
import { RuleState } from './rules';

export const WEEKDAYS: Key[] = ['day.0', 'day.1', 'day.2', 'day.3', 'day.4', 'day.5', 'day.6'];

function aliasesOf(b: Bangumi): string {
  if (!b.title_aliases) return '';
  try {
    const v: unknown = JSON.parse(b.title_aliases);
    if (Array.isArray(v)) return v.map(String).join('\n');
  } catch {
    // a plain string: one alias
  }
  return b.title_aliases;
}

const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function RuleEditor(p: { id: number }) {
  const rule = useLoad(() => api.rule(p.id), [p.id]);
  const preview = useLoad(() => api.renamePreview(p.id), [p.id]);
  const [form, setForm] = useState<Bangumi | null>(null);
  const [aliases, setAliases] = useState('');
  const [filters, setFilters] = useState('');
  const [feeds, setFeeds] = useState('');
  const [weekday, setWeekday] = useState<string>('auto');
  const [suggest, setSuggest] = useState<SuggestOffsetResponse | null>(null);
  const [detect, setDetect] = useState<DetectOffsetResponse | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteFiles, setDeleteFiles] = useState(false);
  const [explainTitle, setExplainTitle] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useAction();

  // After enable/archive/dismiss only the rule's state is taken from the server, so edits not
  // yet saved survive; a save (or another rule) takes everything.
  const fullReset = useRef(true);
  useEffect(() => {
    fullReset.current = true;
  }, [p.id]);
  useEffect(() => {
    const b = rule.data;
    if (!b) return;
    if (!fullReset.current) {
      setForm((f) =>
        f && {
          ...f,
          deleted: b.deleted,
          archived: b.archived,
          needs_review: b.needs_review,
          needs_review_reason: b.needs_review_reason,
          suggested_season_offset: b.suggested_season_offset,
          suggested_episode_offset: b.suggested_episode_offset,
        },
      );
      return;
    }
    fullReset.current = false;
    setForm(b);
    setAliases(aliasesOf(b));
    setFilters(lines(b.filter).join('\n'));
    setFeeds(lines(b.rss_link).join('\n'));
    setWeekday(b.weekday_locked && b.air_weekday != null ? String(b.air_weekday) : 'auto');
  }, [rule.data]);

  if (rule.loading && !rule.data) return <Loading label={t('common.loading')} />;
  if (rule.error || !form)
    return (
      <section>
        <h1>{t('rules.editor')}</h1>
        <p class="form-error">{rule.error ?? t('common.failed')}</p>
        <a href={href('/rules')}>{t('common.back')}</a>
      </section>
    );
  const b = form;
  const set = <K extends keyof Bangumi>(k: K) => (v: Bangumi[K]) => setForm({ ...b, [k]: v });
  const opt = (k: 'year' | 'group_name' | 'dpi' | 'source' | 'subtitle' | 'save_path' | 'preferred_group' | 'preferred_resolution' | 'preferred_subtitle' | 'preferred_codec' | 'preferred_source' | 'preference_order' | 'rename_template') => ({
    value: b[k] ?? '',
    onInput: (v: string) => setForm({ ...b, [k]: v === '' ? null : v }),
    name: k,
    error: errors[k],
  });

  const save = async () => {
    const e: Record<string, string> = {};
    if (!b.official_title.trim()) e.official_title = t('rules.err_title');
    if (!b.title_raw.trim()) e.title_raw = t('rules.err_match');
    if (b.season < 0) e.season = t('rules.err_season');
    setErrors(e);
    if (Object.keys(e).length) return;
    const al = lines(aliases);
    const data: Bangumi = {
      ...b,
      title_aliases: al.length ? JSON.stringify(al) : null,
      filter: lines(filters).join(','),
      rss_link: lines(feeds).join(','),
    };
    const r = await run('save', async () => {
      const res = await api.updateRule(p.id, data);
      const locked = rule.data?.weekday_locked ? String(rule.data.air_weekday) : 'auto';
      if (weekday !== locked) await api.setWeekday(p.id, weekday === 'auto' ? null : Number(weekday));
      return res;
    });
    if (r) {
      toastResult(r);
      fullReset.current = true;
      void rule.reload();
      void preview.reload();
    }
  };

  const simple = async (name: string, fn: () => Promise<{ msg_en: string; msg_zh: string; status?: boolean }>) => {
    const r = await run(name, fn);
    if (r) {
      toastResult(r);
      void rule.reload();
    }
  };

  const doDelete = async () => {
    const r = await run('delete', () => api.deleteRule(p.id, deleteFiles));
    if (r) {
      toastResult(r);
      setConfirmDelete(false);
      navigate('/rules');
    }
  };

  const doSuggest = async () => {
    const r = await run('suggest', () => api.suggestOffset(p.id));
    if (r) setSuggest(r);
  };
  const doDetect = async () => {
    try {
      setDetect(await api.detectOffset(b.official_title || b.title_raw, b.season, 1));
    } catch (e) {
      if (e instanceof ApiError) toastError(e);
    }
  };

  const pv: PreviewRenameResponse | null = preview.data;
  return (
    <section>
      <div class="page-head">
        <div class="row gap">
          <Poster link={b.poster_link} title={b.official_title} small />
          <div>
            <h1>{b.official_title}</h1>
            <RuleState b={rule.data ?? b} />
          </div>
        </div>
        <div class="actions">
          <a class="btn" href={href('/rules')}>
            {t('common.back')}
          </a>
          {rule.data?.deleted ? (
            <Button busy={busy === 'enable'} onClick={() => void simple('enable', () => api.enableRule(p.id))}>
              {t('rules.enable')}
            </Button>
          ) : (
            <Button busy={busy === 'disable'} onClick={() => void simple('disable', () => api.disableRule(p.id))}>
              {t('rules.disable')}
            </Button>
          )}
          {rule.data?.archived ? (
            <Button busy={busy === 'arch'} onClick={() => void simple('arch', () => api.unarchiveRule(p.id))}>
              {t('rules.unarchive')}
            </Button>
          ) : (
            <Button busy={busy === 'arch'} onClick={() => void simple('arch', () => api.archiveRule(p.id))}>
              {t('rules.archive')}
            </Button>
          )}
          <Button variant="danger" onClick={() => setConfirmDelete(true)} data-testid="rule-delete">
            {t('common.delete')}
          </Button>
        </div>
      </div>

      {rule.data?.needs_review && (
        <div class="card callout warn" data-testid="review-callout">
          <h2>{t('rules.needs_review')}</h2>
          <p>{rule.data.needs_review_reason}</p>
          <p>
            {t('rules.suggested', {
              s: rule.data.suggested_season_offset ?? 0,
              e: rule.data.suggested_episode_offset ?? 0,
            })}
          </p>
          <div class="actions">
            <Button
              onClick={() =>
                setForm({ ...b, season_offset: rule.data?.suggested_season_offset ?? b.season_offset, episode_offset: rule.data?.suggested_episode_offset ?? b.episode_offset })
              }
            >
              {t('rules.apply_suggestion')}
            </Button>
            <Button busy={busy === 'dismiss'} onClick={() => void simple('dismiss', () => api.dismissReview(p.id))}>
              {t('rules.dismiss_review')}
            </Button>
          </div>
        </div>
      )}

      <form class="editor" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="rule-editor">
        <fieldset class="card">
          <legend>{t('rules.section_match')}</legend>
          <TextField label={t('rules.official_title')} name="official_title" value={b.official_title} onInput={set('official_title')} error={errors.official_title} />
          <TextField label={t('rules.title_raw')} name="title_raw" value={b.title_raw} onInput={set('title_raw')} hint={t('rules.title_raw_hint')} error={errors.title_raw} />
          <TextField label={t('rules.aliases')} name="title_aliases" multiline value={aliases} onInput={setAliases} hint={t('rules.one_per_line')} />
          <TextField label={t('rules.exclude')} name="filter" multiline value={filters} onInput={setFilters} hint={t('rules.exclude_hint')} />
          <TextField label={t('rules.feeds')} name="rss_link" multiline value={feeds} onInput={setFeeds} hint={t('rules.one_per_line')} />
          <TextField label={t('rules.year')} {...opt('year')} />
        </fieldset>

        <fieldset class="card">
          <legend>{t('rules.section_season')}</legend>
          <div class="cols">
            <NumberField label={t('rules.season')} name="season" value={b.season} onInput={set('season')} error={errors.season} min={0} />
            <NumberField label={t('rules.season_offset')} name="season_offset" value={b.season_offset} onInput={set('season_offset')} />
            <NumberField label={t('rules.episode_offset')} name="episode_offset" value={b.episode_offset} onInput={set('episode_offset')} />
          </div>
          {b.season_raw && <p class="muted small">{t('rules.season_raw', { raw: b.season_raw })}</p>}
          <div class="actions">
            <Button busy={busy === 'suggest'} onClick={() => void doSuggest()} data-testid="suggest-offset">
              {t('rules.suggest')}
            </Button>
            <Button onClick={() => void doDetect()} data-testid="detect-offset">
              {t('rules.detect')}
            </Button>
          </div>
          {suggest && (
            <div class="callout" data-testid="suggest-result" role="status">
              <p>
                {t('rules.suggest_result', { n: suggest.suggested_offset })} {suggest.reason}
              </p>
              {suggest.suggested_offset !== 0 && (
                <Button onClick={() => setForm({ ...b, episode_offset: suggest.suggested_offset })}>{t('rules.apply_suggestion')}</Button>
              )}
            </div>
          )}
          {detect && (
            <div class="callout" data-testid="detect-result" role="status">
              <p>{detect.has_mismatch ? t('rules.detect_mismatch') : t('rules.detect_ok')}</p>
              {detect.suggestion && (
                <>
                  <p>
                    {t('rules.suggested', { s: detect.suggestion.season_offset, e: detect.suggestion.episode_offset ?? 0 })} —{' '}
                    {detect.suggestion.reason} ({t('rules.confidence')}: {detect.suggestion.confidence})
                  </p>
                  <Button
                    onClick={() =>
                      setForm({ ...b, season_offset: detect.suggestion?.season_offset ?? 0, episode_offset: detect.suggestion?.episode_offset ?? b.episode_offset })
                    }
                  >
                    {t('rules.apply_suggestion')}
                  </Button>
                </>
              )}
              {detect.tmdb_info && (
                <p class="muted small">
                  {detect.tmdb_info.title} · {t('rules.tmdb_seasons', { n: detect.tmdb_info.total_seasons })} · {detect.tmdb_info.status}
                </p>
              )}
            </div>
          )}
          <SelectField
            label={t('rules.weekday')}
            value={weekday}
            onChange={setWeekday}
            options={[{ value: 'auto', label: t('rules.weekday_auto') }, ...WEEKDAYS.map((k, i) => ({ value: String(i), label: t(k) }))]}
            hint={t('rules.weekday_hint')}
          />
        </fieldset>

        <fieldset class="card">
          <legend>{t('rules.section_release')}</legend>
          <div class="cols">
            <TextField label={t('rules.group')} {...opt('group_name')} />
            <TextField label={t('rules.resolution')} {...opt('dpi')} />
            <TextField label={t('rules.subtitle')} {...opt('subtitle')} />
            <TextField label={t('rules.source')} {...opt('source')} />
          </div>
          <h2 class="h3">{t('rules.preferences')}</h2>
          <p class="muted small">{t('rules.preferences_hint')}</p>
          <div class="cols">
            <TextField label={t('rules.preferred_group')} {...opt('preferred_group')} />
            <TextField label={t('rules.preferred_resolution')} {...opt('preferred_resolution')} />
            <TextField label={t('rules.preferred_subtitle')} {...opt('preferred_subtitle')} />
            <TextField label={t('rules.preferred_codec')} {...opt('preferred_codec')} />
            <TextField label={t('rules.preferred_source')} {...opt('preferred_source')} />
            <TextField label={t('rules.preference_order')} {...opt('preference_order')} />
            <NumberField
              label={t('rules.delay_minutes')}
              value={b.delay_minutes ?? 0}
              onInput={(v) => setForm({ ...b, delay_minutes: v === 0 ? null : v })}
              name="delay_minutes"
              error={errors.delay_minutes}
            />
          </div>
          <p class="muted small">{t('rules.ladder_hint')}</p>
          <Switch label={t('rules.allow_duplicates')} checked={b.allow_duplicates} onChange={set('allow_duplicates')} name="allow_duplicates" />
          <DownloaderChoice label={t('rules.downloader')} value={b.downloader} onChange={set('downloader')} testid="rule-downloader" />
          <Switch label={t('rules.eps_collect')} checked={b.eps_collect} onChange={set('eps_collect')} name="eps_collect" />
        </fieldset>

        <fieldset class="card">
          <legend>{t('rules.section_files')}</legend>
          <TextField label={t('rules.save_path')} {...opt('save_path')} hint={t('rules.save_path_hint')} />
          <TextField label={t('rules.rule_rename_template')} {...opt('rename_template')} />
          <p>
            {t('rules.rename_method')}: <strong>{pv ? tOr('rename.' + pv.method, pv.method) : '…'}</strong>{' '}
            {pv && pv.template && (
              <>
                · {t('rules.rename_template')}: <code data-testid="rename-template">{pv.template}</code>{' '}
              </>
            )}
            <a href={href('/settings#bangumi_manage')}>{t('rules.change_in_settings')}</a>
          </p>
        </fieldset>
        <div class="actions sticky-actions">
          <Button type="submit" variant="primary" busy={busy === 'save'} data-testid="rule-save">
            {t('common.save')}
          </Button>
        </div>
      </form>

      <h2>{t('rules.rename_preview')}</h2>
      {preview.loading && !pv && <Loading label={t('common.loading')} />}
      {preview.error && <p class="form-error">{preview.error}</p>}
      {pv && pv.items.length === 0 && <Empty>{t('rules.no_episodes')}</Empty>}
      {pv && pv.items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="rename-preview">
            <thead>
              <tr>
                <th scope="col">{t('rename.file')}</th>
                <th scope="col">{t('rename.becomes')}</th>
                <th scope="col">{t('rename.state')}</th>
                <th scope="col">
                  <span class="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pv.items.map((it, i) => (
                <tr key={i} data-testid="rename-item">
                  <td class="mono break">{it.old_path}</td>
                  <td class="mono break">{it.status === 'rename' ? it.new_path : '—'}</td>
                  <td>
                    <Badge kind={it.status === 'rename' ? 'ok' : it.status === 'conflict' ? 'warn' : it.status === 'unparsed' ? 'error' : 'muted'}>
                      {tOr('rename.status_' + it.status, it.status)}
                    </Badge>
                    {!it.completed && <Badge kind="info">{t('rename.downloading')}</Badge>}
                    <div class="muted small">{bi(it.reason_en, it.reason_zh)}</div>
                  </td>
                  <td>
                    <Button class="btn-small" onClick={() => setExplainTitle(it.torrent_name)}>
                      {t('explain.run')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('explain.title')}</h2>
      <ExplainBox initial={b.title_raw} />

      {explainTitle !== null && (
        <Dialog title={t('explain.title')} onClose={() => setExplainTitle(null)} wide>
          <ExplainBox initial={explainTitle} auto />
        </Dialog>
      )}
      {confirmDelete && (
        <Dialog
          title={t('rules.delete_title', { title: b.official_title })}
          onClose={() => setConfirmDelete(false)}
          testid="confirm-dialog"
          footer={
            <>
              <Button onClick={() => setConfirmDelete(false)}>{t('common.cancel')}</Button>
              <Button variant="danger" busy={busy === 'delete'} onClick={() => void doDelete()} data-testid="confirm-delete">
                {t('common.delete')}
              </Button>
            </>
          }
        >
          <p>{t('rules.delete_body')}</p>
          <Switch label={t('rules.delete_files')} checked={deleteFiles} onChange={setDeleteFiles} testid="delete-files" />
        </Dialog>
      )}
    </section>
  );
}
