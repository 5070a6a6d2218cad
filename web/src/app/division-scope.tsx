// The county a user above county level works on for now: a city, province or ministry
// supervisor picks a county inside their own division and the
// parcel list, the map's parcels and the supervisor's pages narrow to it. The pick is kept in
// the browser's session storage per account, so it survives a reload; a county sees only its
// own and has no picker.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  isWithinDivision,
  levelOfCode,
  scopePrefixOf,
} from '../../../src/reference/divisions/domain/division-code.ts';
import type { FilterSpecification } from 'maplibre-gl';
import { api } from '../api/http.ts';
import type { Division, User } from '../api/types.ts';
import { isGovernment, useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';

interface DivisionScope {
  /** The picked county's code, or null for the user's whole division. */
  picked: string | null;
  /** Its name (the code until the list of counties has come). */
  pickedName: string | null;
  /** The counties the user may pick, grouped by the city above them, in code order. */
  choices: { city: Division | null; counties: Division[] }[];
  pick: (code: string | null) => void;
}

const ScopeContext = createContext<DivisionScope>({
  picked: null,
  pickedName: null,
  choices: [],
  pick: () => {},
});

/** Counties grouped under their cities (a county directly under a province stands alone). */
function groupCounties(divisions: Division[]): DivisionScope['choices'] {
  const cities = new Map(divisions.filter((d) => d.level === 'city').map((d) => [d.code, d]));
  const groups = new Map<string, { city: Division | null; counties: Division[] }>();
  for (const d of divisions) {
    if (d.level !== 'county') continue;
    const city = cities.get(`${d.code.slice(0, 4)}00`) ?? null;
    const key = city?.code ?? '';
    const group = groups.get(key) ?? { city, counties: [] };
    group.counties.push(d);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const noChoices: DivisionScope['choices'] = [];

const storageKey = (userId: string) => `reclaim.division.${userId}`;

/** The counties inside `code` (with the cities above them), from the divisions API. */
function choicesPath(code: string): string | null {
  switch (levelOfCode(code)) {
    case 'county':
      return null;
    case 'city':
      return `/api/divisions?parent=${code}&level=county&limit=5000`;
    case 'province':
      return `/api/divisions?q=${scopePrefixOf(code)}&limit=5000`;
    case 'nation':
      return '/api/divisions?limit=5000';
  }
}

/** The county kept for the account in this browser session, if it is still inside its division. */
function storedPick(user: User): string | null {
  const stored = sessionStorage.getItem(storageKey(user.id));
  return stored && levelOfCode(stored) === 'county' && isWithinDivision(stored, user.divisionCode)
    ? stored
    : null;
}

export function DivisionScopeProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const user = isGovernment(state) ? state.user : null;
  // Both belong to one account: after a logout and another login they start afresh.
  const [pickedFor, setPickedFor] = useState<{ userId: string; code: string | null } | null>(null);
  const [loaded, setLoaded] = useState<{
    userId: string;
    choices: DivisionScope['choices'];
  } | null>(null);
  const path = user ? choicesPath(user.divisionCode) : null;
  const picked =
    !user || !path ? null : pickedFor?.userId === user.id ? pickedFor.code : storedPick(user);
  const choices = user && loaded?.userId === user.id ? loaded.choices : noChoices;

  useEffect(() => {
    if (!user || !path) return;
    const controller = new AbortController();
    api<{ items: Division[] }>(path, { signal: controller.signal })
      .then((page) =>
        setLoaded({
          userId: user.id,
          choices: groupCounties(
            page.items.filter((d) => isWithinDivision(d.code, user.divisionCode)),
          ),
        }),
      )
      .catch(() => {
        // Without the list there is no picker: the user's whole division stays in view.
      });
    return () => controller.abort();
  }, [user, path]);

  const pick = useCallback(
    (code: string | null) => {
      if (!user) return;
      if (code) sessionStorage.setItem(storageKey(user.id), code);
      else sessionStorage.removeItem(storageKey(user.id));
      setPickedFor({ userId: user.id, code });
    },
    [user],
  );

  const value = useMemo(() => {
    const county = choices.flatMap((g) => g.counties).find((d) => d.code === picked);
    return { picked, pickedName: picked ? (county?.name ?? picked) : null, choices, pick };
  }, [picked, choices, pick]);
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useDivisionScope(): DivisionScope {
  return useContext(ScopeContext);
}

/** The header's picker: the user's own division (all of it) or a county inside it. */
export function DivisionPicker({ ownName }: { ownName: string }) {
  const { t } = useI18n();
  const { picked, choices, pick } = useDivisionScope();
  if (choices.length === 0) return null;
  const option = (d: Division) => (
    <option key={d.code} value={d.code}>
      {d.name}
    </option>
  );
  return (
    <select
      className="division-picker"
      data-testid="division-picker"
      aria-label={t('pickDivision')}
      title={t('pickDivision')}
      value={picked ?? ''}
      onChange={(e) => pick(e.target.value || null)}
    >
      <option value="">{t('wholeDivision', { name: ownName })}</option>
      {choices.length === 1
        ? choices[0]?.counties.map(option)
        : choices.map((g) => (
            <optgroup key={g.city?.code ?? ''} label={g.city?.name ?? '—'}>
              {g.counties.map(option)}
            </optgroup>
          ))}
    </select>
  );
}

/**
 * A MapLibre filter keeping the features whose `divisionCode` lies in `code` (null: no
 * narrowing).
 */
export function divisionFilter(code: string | null): FilterSpecification | null {
  if (!code) return null;
  const prefix = scopePrefixOf(code);
  if (prefix === 'national') return null;
  return ['==', ['slice', ['get', 'divisionCode'], 0, prefix.length], prefix];
}
