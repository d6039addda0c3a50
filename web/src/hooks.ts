import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api/client';
import { toastError } from './components/toast';
import { msg } from './i18n';

/** Loads data once (and on `reload`), keeping the last good value while reloading. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const live = useRef(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const v = await fn();
      if (live.current) {
        setData(v);
        setError(null);
      }
    } catch (e) {
      if (live.current) setError(e instanceof ApiError ? msg(e) : String(e));
    } finally {
      if (live.current) setLoading(false);
    }
  }, deps);
  useEffect(() => {
    live.current = true;
    void reload();
    return () => {
      live.current = false;
    };
  }, [reload]);
  return { data, setData, error, loading, reload };
}

/** Runs an action, tracking its busy state and toasting a failure. */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const run = async <T,>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(name);
    try {
      return await fn();
    } catch (e) {
      toastError(e);
      return undefined;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/** True on a phone-sized screen, where rows stack their actions under the text. */
export function useNarrow(): boolean {
  const q = '(max-width: 760px)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(q).matches);
  useEffect(() => {
    const m = window.matchMedia(q);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}
