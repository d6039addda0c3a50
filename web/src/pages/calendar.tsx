// The week: each day with the posters of the shows airing then; a locked day says so.
import { useMemo } from 'preact/hooks';
import { api, type Bangumi } from '../api/client';
import { toastResult } from '../components/toast';
import { Button, Loading, Poster } from '../components/ui';
import { useAction, useLoad } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import { WEEKDAYS } from './rule-editor';

export function Calendar() {
  const rules = useLoad(() => api.rules());
  const { busy, run } = useAction();
  const today = (new Date().getDay() + 6) % 7; // 0 = Monday, as the API counts
  const days = useMemo(() => {
    const out: Bangumi[][] = [[], [], [], [], [], [], [], []];
    for (const b of rules.data ?? []) {
      if (b.deleted || b.archived) continue;
      const d = b.air_weekday;
      out[d != null && d >= 0 && d <= 6 ? d : 7].push(b);
    }
    return out;
  }, [rules.data]);

  const refresh = async () => {
    const r = await run('cal', api.refreshCalendar);
    if (r) {
      toastResult(r);
      void rules.reload();
    }
  };

  const day = (list: Bangumi[], label: string, i: number) => (
    <section key={i} class={'calendar-day card' + (i === today ? ' today' : '')} data-testid="calendar-day" data-day={i} aria-labelledby={'day-' + i}>
      <h2 id={'day-' + i} class="h3">
        {label} {i === today && <span class="badge badge-info">{t('cal.today')}</span>}
      </h2>
      {list.length === 0 ? (
        <p class="muted small">{t('cal.nothing')}</p>
      ) : (
        <ul class="cal-shows">
          {list.map((b) => (
            <li key={b.id}>
              <a href={href(`/rules/${b.id}`)} class="cal-show">
                <Poster link={b.poster_link} title={b.official_title} small />
                <span>
                  {b.official_title}
                  {b.weekday_locked && (
                    <span class="lock" title={t('cal.locked')}>
                      {' '}
                      🔒<span class="sr-only">{t('cal.locked')}</span>
                    </span>
                  )}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <section>
      <div class="page-head">
        <h1>{t('nav.calendar')}</h1>
        <Button busy={busy === 'cal'} onClick={() => void refresh()} data-testid="calendar-refresh">
          {t('cal.refresh')}
        </Button>
      </div>
      <p class="muted small">{t('cal.hint')}</p>
      {rules.loading && !rules.data && <Loading label={t('common.loading')} />}
      {rules.error && <p class="form-error">{rules.error}</p>}
      {rules.data && (
        <div class="calendar">
          {WEEKDAYS.map((k, i) => day(days[i], t(k), i))}
          {days[7].length > 0 && day(days[7], t('cal.unknown'), 7)}
        </div>
      )}
    </section>
  );
}
