// One line per event worth telling a person about, linked to its rule or feed.
import { payload, type StreamEvent } from '../api/events';
import { fmtTime, t, tOr } from '../i18n';
import { href } from '../router';

export function isActivity(ev: StreamEvent): boolean {
  if (ev.kind === 'log_line') {
    const level = String(payload(ev).level ?? '').toUpperCase();
    return level === 'ERROR' || level === 'CRITICAL';
  }
  return ['feed_refreshed', 'torrent_added', 'file_renamed', 'notification_sent', 'program_state', 'error'].includes(ev.kind);
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

export function ActivityItem(p: { ev: StreamEvent }) {
  const d = payload(p.ev);
  let text = p.ev.kind;
  let link: string | null = null;
  let kind = 'info';
  switch (p.ev.kind) {
    case 'feed_refreshed': {
      const err = d.last_error ? String(d.last_error) : '';
      text = t('activity.feed_refreshed', { name: String(d.name ?? d.rss_id ?? ''), n: num(d.new_items) ?? 0 });
      if (err) {
        text += ' — ' + err;
        kind = 'error';
      }
      if (num(d.rss_id) !== null) link = `/feeds/${String(d.rss_id)}`;
      break;
    }
    case 'torrent_added':
      text = t('activity.torrent_added', { name: String(d.name ?? '') });
      if (num(d.bangumi_id) !== null) link = `/rules/${String(d.bangumi_id)}`;
      kind = 'ok';
      break;
    case 'file_renamed':
      text = t('activity.file_renamed', { old: String(d.old_path ?? ''), new: String(d.new_path ?? '') });
      if (num(d.bangumi_id) !== null) link = `/rules/${String(d.bangumi_id)}`;
      kind = 'ok';
      break;
    case 'notification_sent':
      text = t(d.success ? 'activity.notified' : 'activity.notify_failed', { provider: String(d.provider ?? ''), title: String(d.title ?? '') });
      if (!d.success) kind = 'error';
      break;
    case 'program_state':
      text = t('activity.program_state', { state: tOr('state.' + String(d.state ?? ''), String(d.state ?? '')) });
      break;
    case 'log_line':
      text = String(d.message ?? d.line ?? '');
      kind = 'error';
      link = '/log';
      break;
  }
  return (
    <li class={'activity activity-' + kind} data-testid="activity-item" data-kind={p.ev.kind}>
      {p.ev.at && <time dateTime={p.ev.at}>{fmtTime(p.ev.at)}</time>}{' '}
      {link ? <a href={href(link)}>{text}</a> : <span>{text}</span>}
    </li>
  );
}
