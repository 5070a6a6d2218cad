// Reading one API resource for a page: the data (null while loading), the error in the
// user's language, and a reload after the page changed something.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function useApi<T>(path: string | null): {
  /** The last answer read, kept while another path loads. */
  data: T | null;
  /** Whether `data` answers the current path (false while a new one loads). */
  fresh: boolean;
  error: string | null;
  reload: () => void;
} {
  const { pick } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [dataPath, setDataPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal })
      .then((d) => {
        setData(d);
        setDataPath(path);
        setError(null);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e));
      });
    return () => controller.abort();
  }, [path, version, pick]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, fresh: data !== null && dataPath === path, error, reload };
}

/** An API error in the user's language. */
export function errorText(e: unknown, pick: (zh: string, en: string) => string): string {
  return e instanceof ApiError ? pick(e.messageZh, e.message) : String(e);
}
