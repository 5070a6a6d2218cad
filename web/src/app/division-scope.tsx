// The county a user above county level works on for now: a city, province or ministry
// supervisor picks a county inside their own division (in the header's DivisionPicker) and the
// parcel list, the map's parcels and the supervisor's pages narrow to it. The pick is kept in
// the browser's session storage per account, so it survives a reload (its name is read again,
// one division, not the list); a county sees only its own and has no picker.
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

interface DivisionScope {
  /** The user's division when they may narrow it to a county (a city, province, the nation). */
  scope: string | null;
  /** The picked county's code, or null for the user's whole division. */
  picked: string | null;
  /** Its name (the code until the county has been read). */
  pickedName: string | null;
  /** The picked county as the divisions API gives it, once known. */
  pickedDivision: Division | null;
  pick: (county: Division | null) => void;
}

const ScopeContext = createContext<DivisionScope>({
  scope: null,
  picked: null,
  pickedName: null,
  pickedDivision: null,
  pick: () => {},
});

const storageKey = (userId: string) => `reclaim.division.${userId}`;

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
  const scope = user && levelOfCode(user.divisionCode) !== 'county' ? user.divisionCode : null;
  // Both belong to one account: after a logout and another login they start afresh.
  const [pickedFor, setPickedFor] = useState<{ userId: string; code: string | null } | null>(null);
  const [known, setKnown] = useState<Division | null>(null);
  const picked =
    !user || !scope ? null : pickedFor?.userId === user.id ? pickedFor.code : storedPick(user);
  const pickedDivision = known && known.code === picked ? known : null;

  // A pick restored from the session: its name (and parent) is one division to read.
  useEffect(() => {
    if (!picked || pickedDivision) return;
    const controller = new AbortController();
    api<Division>(`/api/divisions/${picked}`, { signal: controller.signal })
      .then(setKnown)
      .catch(() => {
        // Without it the code stands for the name.
      });
    return () => controller.abort();
  }, [picked, pickedDivision]);

  const pick = useCallback(
    (county: Division | null) => {
      if (!user) return;
      if (county) sessionStorage.setItem(storageKey(user.id), county.code);
      else sessionStorage.removeItem(storageKey(user.id));
      setKnown(county);
      setPickedFor({ userId: user.id, code: county?.code ?? null });
    },
    [user],
  );

  const value = useMemo(
    () => ({
      scope,
      picked,
      pickedName: picked ? (pickedDivision?.name ?? picked) : null,
      pickedDivision,
      pick,
    }),
    [scope, picked, pickedDivision, pick],
  );
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useDivisionScope(): DivisionScope {
  return useContext(ScopeContext);
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
