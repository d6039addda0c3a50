// Short messages at the corner of the screen, announced to screen readers.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { msg, t } from '../i18n';

export interface Toast {
  id: number;
  text: string;
  kind: 'ok' | 'error' | 'info';
}

let seq = 0;
let items: Toast[] = [];
const subs = new Set<(t: Toast[]) => void>();

function emit(): void {
  for (const s of subs) s(items);
}

export function toast(text: string, kind: Toast['kind'] = 'info'): void {
  const item = { id: ++seq, text, kind };
  items = [...items.slice(-4), item];
  emit();
  window.setTimeout(() => dismiss(item.id), kind === 'error' ? 8000 : 4000);
}

export function dismiss(id: number): void {
  items = items.filter((i) => i.id !== id);
  emit();
}

/** Shows the API's answer (success or failure) in the current language. */
export function toastResult(r: { msg_en?: string; msg_zh?: string; status?: boolean }): void {
  toast(msg(r), r.status === false ? 'error' : 'ok');
}

export function toastError(e: unknown): void {
  if (e instanceof ApiError) {
    if (e.status === 401) return; // the login screen says it
    toast(msg(e), 'error');
  } else if (e instanceof Error) toast(e.message, 'error');
  else toast(t('common.failed'), 'error');
}

export function Toasts() {
  const [list, setList] = useState<Toast[]>(items);
  useEffect(() => {
    subs.add(setList);
    return () => {
      subs.delete(setList);
    };
  }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((i) => (
        <div key={i.id} class={`toast toast-${i.kind}`} data-testid="toast">
          <span>{i.text}</span>
          <button type="button" class="icon-btn" aria-label={t('common.close')} onClick={() => dismiss(i.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
