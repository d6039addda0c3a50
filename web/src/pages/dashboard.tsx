// The state of the install at a glance, and what is happening now.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { recentEvents, subscribe, type StreamEvent } from '../api/events';
import { ActivityItem, isActivity } from '../components/activity';
import { toastResult } from '../components/toast';
import { Badge, Button, Empty, Loading } from '../components/ui';
import { bi, fmtRelative, fmtTime, t } from '../i18n';
import { useAction, useLoad } from '../hooks';
import { href } from '../router';

export function Dashboard() {
  const ov = useLoad(() => api.overview());
  const { busy, run } = useAction();
  const [events, setEvents] = useState<StreamEvent[]>(() => recentEvents().filter(isActivity).reverse());
  useEffect(() => {
    // Bursts of events (a refresh adding twenty torrents) reload the summary once.
    let timer: number | undefined;
    const off = subscribe((ev) => {
      if (isActivity(ev)) setEvents((list) => [ev, ...list].slice(0, 100));
      if (['program_state', 'feed_refreshed', 'torrent_added', 'file_renamed', 'rules_changed'].includes(ev.kind) && timer === undefined)
        timer = window.setTimeout(() => {
          timer = undefined;
          void ov.reload();
        }, 1500);
    });
    return () => {
      off();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, []);
  const act = async (name: string, fn: () => Promise<{ msg_en: string; msg_zh: string }>) => {
    const r = await run(name, fn);
    if (r) toastResult(r);
    void ov.reload();
  };
  const o = ov.data;
  const d = o?.downloader ?? { type: '', host: '', reachable: false, version: null, message_en: '', message_zh: '' };
  return (
    <section>
      <h1>{t('nav.dashboard')}</h1>
      {!o && ov.loading && <Loading label={t('common.loading')} />}
      {ov.error && !o && <p class="form-error">{ov.error}</p>}
      {o && (
        <div class="grid-cards">
          <div class="card stat" data-testid="program-card">
            <h2>{t('dash.program')}</h2>
            <p>
              <Badge kind={o.program_running ? 'ok' : 'warn'}>{o.program_running ? t('program.running') : t('program.stopped')}</Badge>{' '}
              <span class="muted">{t('app.version', { v: o.version })}</span>
            </p>
            <div class="actions">
              <Button busy={busy === 'start'} disabled={o.program_running} onClick={() => void act('start', api.start)} data-testid="program-start">
                {t('program.start')}
              </Button>
              <Button busy={busy === 'stop'} disabled={!o.program_running} onClick={() => void act('stop', api.stop)} data-testid="program-stop">
                {t('program.stop')}
              </Button>
              <Button busy={busy === 'restart'} onClick={() => void act('restart', api.restart)} data-testid="program-restart">
                {t('program.restart')}
              </Button>
            </div>
          </div>
          <div class="card stat" data-testid="downloader-card">
            <h2>{t('dash.downloader')}</h2>
            <p>
              <Badge kind={d.reachable ? 'ok' : 'error'}>{d.reachable ? t('dash.reachable') : t('dash.unreachable')}</Badge>{' '}
              {d.type} · {d.host}
              {d.version && <> · {d.version}</>}
            </p>
            <p class="muted">{bi(d.message_en, d.message_zh)}</p>
          </div>
          <div class="card stat">
            <h2>{t('dash.refresh')}</h2>
            <p>
              {t('dash.last_refresh')}: <time title={fmtTime(o.last_refresh_at)}>{fmtRelative(o.last_refresh_at)}</time>
            </p>
            <p>
              {t('dash.next_refresh')}: <time title={fmtTime(o.next_refresh_at)}>{o.next_refresh_at ? fmtRelative(o.next_refresh_at) : t('dash.not_scheduled')}</time>
            </p>
          </div>
          <div class="card stat">
            <h2>{t('dash.counts')}</h2>
            <ul class="counts">
              <li>
                <a href={href('/rules')}>
                  <strong>{o.rules_active}</strong> / {o.rules} {t('dash.rules_active')}
                </a>
              </li>
              <li>
                <a href={href('/rules?filter=review')}>
                  <strong>{o.rules_needing_review}</strong> {t('dash.needs_review')}
                </a>
              </li>
              <li>
                <strong>{o.episodes_this_week}</strong> {t('dash.episodes_week')}
              </li>
              <li>
                <a href={href('/downloads?rename=held')}>
                  <strong>{o.held_renames}</strong> {t('dash.held_renames')}
                </a>
                {o.failed_renames > 0 && (
                  <>
                    {' · '}
                    <strong>{o.failed_renames}</strong> {t('dash.failed_renames')}
                  </>
                )}
              </li>
              <li>
                <a href={href('/feeds')}>
                  <strong>{o.feeds}</strong> {t('dash.feeds')}
                  {o.feeds_with_errors > 0 && <> · {t('dash.feeds_errors', { n: o.feeds_with_errors })}</>}
                </a>
              </li>
            </ul>
          </div>
        </div>
      )}
      <h2>{t('dash.activity')}</h2>
      {events.length === 0 ? (
        <Empty>{t('dash.no_activity')}</Empty>
      ) : (
        <ul class="activity-list" aria-live="polite" data-testid="activity-list">
          {events.map((ev, i) => (
            <ActivityItem key={ev.at + i} ev={ev} />
          ))}
        </ul>
      )}
    </section>
  );
}
