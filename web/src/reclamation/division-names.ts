// Names of the divisions a page lists by code (GB/T 2260), read once per code.
import { useEffect, useState } from 'react';
import { api } from '../api/http.ts';

const known = new Map<string, Promise<string>>();

function nameOf(code: string): Promise<string> {
  let found = known.get(code);
  if (!found) {
    found = api<{ name: string }>(`/api/divisions/${code}`)
      .then((d) => d.name)
      .catch(() => code);
    known.set(code, found);
  }
  return found;
}

/** code → name for the codes given; a code stands for itself until its name arrives. */
export function useDivisionNames(codes: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    const list = key ? key.split(',') : [];
    void Promise.all(list.map(async (c) => [c, await nameOf(c)] as const)).then((pairs) => {
      if (!cancelled) setNames(Object.fromEntries(pairs));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}
