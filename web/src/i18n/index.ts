// Strings live in en.json and zh-CN.json (same keys); `Key` is derived from en.json so a missing
// or misspelt key fails the type check.
import en from './en.json';
import zh from './zh-CN.json';

export type Key = keyof typeof en;
export type Lang = 'en' | 'zh-CN';

const tables: Record<Lang, Record<Key, string>> = { en, 'zh-CN': zh };
const STORE = 'ab.lang';

function initial(): Lang {
  const saved = localStorage.getItem(STORE);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  for (const l of navigator.languages ?? [navigator.language]) {
    const low = l.toLowerCase();
    if (low.startsWith('zh')) return 'zh-CN';
    if (low.startsWith('en')) return 'en';
  }
  return 'en';
}

let current: Lang = initial();
document.documentElement.lang = current;

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  localStorage.setItem(STORE, l);
  document.documentElement.lang = l;
}

export function t(key: Key, vars?: Record<string, string | number>): string {
  let s = tables[current][key] ?? en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** A key built at run time (a status name, say), falling back to the raw value. */
export function tOr(key: string, fallback: string): string {
  return key in en ? t(key as Key) : fallback;
}

/** A message the API sent in both languages, shown in the current one. */
export function msg(m: { msg_en?: string; msg_zh?: string; message_en?: string; message_zh?: string }): string {
  const en_ = m.msg_en ?? m.message_en ?? '';
  const zh_ = m.msg_zh ?? m.message_zh ?? '';
  return current === 'zh-CN' ? zh_ || en_ : en_ || zh_;
}

export function bi(en_: string, zh_: string): string {
  return current === 'zh-CN' ? zh_ || en_ : en_ || zh_;
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return t('common.never');
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return d.toLocaleString(current);
}

export function fmtRelative(iso: string | null | undefined): string {
  if (!iso) return t('common.never');
  const d = new Date(iso).getTime();
  if (isNaN(d)) return iso;
  const secs = Math.round((d - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(current, { numeric: 'auto' });
  const abs = Math.abs(secs);
  if (abs < 60) return rtf.format(secs, 'second');
  if (abs < 3600) return rtf.format(Math.round(secs / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(secs / 3600), 'hour');
  return rtf.format(Math.round(secs / 86400), 'day');
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
