// The divisions the header's county picker shows, read one level at a time from the divisions
// API: what lies directly under a division (the nation's provinces, a province's cities and the
// counties directly under it, a city's counties), and a search for counties by name or code
// inside the caller's division. Nothing reads the whole list of ~3,200 divisions.
import { useEffect, useState } from 'react';
import {
  levelOfCode,
  type DivisionLevel,
} from '../../../src/reference/divisions/domain/division-code.ts';
import { api } from '../api/http.ts';
import type { Division } from '../api/types.ts';

/** Reference data, the same for every account: each level is read once per page load. */
const levels = new Map<string, Promise<Division[]>>();

/** The divisions directly under `parent`, in code order. */
export function childrenOf(parent: string): Promise<Division[]> {
  let found = levels.get(parent);
  if (!found) {
    found = api<{ items: Division[] }>(`/api/divisions?parent=${parent}&limit=500`).then(
      (page) => page.items,
    );
    // A failed read is tried again the next time the level is shown.
    found.catch(() => levels.delete(parent));
    levels.set(parent, found);
  }
  return found;
}

const depth: Record<DivisionLevel, number> = { nation: 0, province: 1, city: 2, county: 3 };

/**
 * The codes from `scope` down to `at` (both included), one per level: the picker's trail
 * (the nation, 320000, 320300 for Xuzhou seen by the ministry).
 */
export function trailTo(at: string, scope: string): string[] {
  const ancestors = new Set([`${at.slice(0, 2)}0000`, `${at.slice(0, 4)}00`, at]);
  const below = depth[levelOfCode(scope)];
  const until = depth[levelOfCode(at)];
  return [
    scope,
    ...[...ancestors].filter((code) => {
      const d = depth[levelOfCode(code)];
      return d > below && d <= until;
    }),
  ];
}

type Loaded<T> = { key: string; value: T } | { key: string; failed: true };

/** The divisions directly under `parent` (null while they come), or 'failed'. */
export function useChildren(parent: string): Division[] | null | 'failed' {
  const [loaded, setLoaded] = useState<Loaded<Division[]> | null>(null);
  useEffect(() => {
    let current = true;
    childrenOf(parent).then(
      (value) => {
        if (current) setLoaded({ key: parent, value });
      },
      () => {
        if (current) setLoaded({ key: parent, failed: true });
      },
    );
    return () => {
      current = false;
    };
  }, [parent]);
  if (loaded?.key !== parent) return null;
  return 'failed' in loaded ? 'failed' : loaded.value;
}

/** The names of the trail's divisions below its first, each found in the level above it. */
export function useTrailNames(trail: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = trail.join(',');
  useEffect(() => {
    let current = true;
    const codes = key.split(',');
    void Promise.all(
      codes.slice(1).map(async (code, i) => {
        const above = await childrenOf(codes[i] ?? code).catch(() => []);
        return [code, above.find((d) => d.code === code)?.name ?? code] as const;
      }),
    ).then((pairs) => {
      if (current) setNames(Object.fromEntries(pairs));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}

/** At most this many search results are shown; one more is asked for to tell that there are more. */
export const searchShown = 20;
/** The pause after the last keystroke before a search is sent (ms). */
const searchPause = 250;

export interface CountySearch {
  /** The text searched for (trimmed); '' when there is no search. */
  text: string;
  /** The counties found (null while the search runs). */
  found: Division[] | null | 'failed';
  /** More counties match than are shown. */
  more: boolean;
}

/** Counties inside `scope` whose name contains `typed` or whose code starts with it. */
export function useCountySearch(scope: string, typed: string): CountySearch {
  const text = typed.trim();
  const [loaded, setLoaded] = useState<Loaded<Division[]> | null>(null);
  useEffect(() => {
    if (!text) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = new URLSearchParams({
        within: scope,
        level: 'county',
        q: text,
        limit: String(searchShown + 1),
      });
      api<{ items: Division[] }>(`/api/divisions?${query}`, { signal: controller.signal }).then(
        (page) => setLoaded({ key: text, value: page.items }),
        () => {
          if (!controller.signal.aborted) setLoaded({ key: text, failed: true });
        },
      );
    }, searchPause);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [scope, text]);
  if (!text) return { text, found: [], more: false };
  if (loaded?.key !== text) return { text, found: null, more: false };
  if ('failed' in loaded) return { text, found: 'failed', more: false };
  return {
    text,
    found: loaded.value.slice(0, searchShown),
    more: loaded.value.length > searchShown,
  };
}
