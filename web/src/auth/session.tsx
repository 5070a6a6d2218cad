// Who is using the app: the logged-in account (GET /api/auth/me on start) and its division's
// name, or the public. Logging in and out goes through the API's cookie session.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError } from '../api/http.ts';
import type { Division, User } from '../api/types.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'public' }
  | { status: 'user'; user: User; division: Division | null };

interface Session {
  state: SessionState;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function divisionOf(code: string): Promise<Division | null> {
  try {
    return await api<Division>(`/api/divisions/${code}`);
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const become = useCallback(async (user: User) => {
    setState({ status: 'user', user, division: await divisionOf(user.divisionCode) });
  }, []);

  useEffect(() => {
    api<User>('/api/auth/me')
      .then(become)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
        setState({ status: 'public' });
      });
  }, [become]);

  const value = useMemo<Session>(
    () => ({
      state,
      login: async (username, password) => {
        const { user } = await api<{ user: User }>('/api/auth/login', {
          method: 'POST',
          body: { username, password },
        });
        await become(user);
      },
      logout: async () => {
        await api('/api/auth/logout', { method: 'POST' });
        setState({ status: 'public' });
      },
    }),
    [state, become],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

const governmentRoles = ['ministry', 'province', 'city', 'county'];

/** Whether the account may use the register (government staff). */
export function isGovernment(
  state: SessionState,
): state is Extract<SessionState, { status: 'user' }> {
  return state.status === 'user' && governmentRoles.includes(state.user.role);
}
