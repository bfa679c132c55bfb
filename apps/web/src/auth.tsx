// Session: the bearer token and the user in localStorage (survives a reload); expiry is read from the JWT `exp`.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role, CancerArea } from './gql/schema';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  regionCode?: number | null;
  cancerAreas: CancerArea[];
}

interface Session {
  token: string;
  user: SessionUser;
}

const KEY = 'cx.session';
export type LogoutReason = 'expired' | 'user';

let initialReason: LogoutReason | null = null;
let current: Session | null = read();
const listeners = new Set<(s: Session | null, reason?: LogoutReason) => void>();

function read(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    if (s && isExpired(s.token)) {
      // The token ran out while the app was closed: say so on the login page.
      localStorage.removeItem(KEY);
      initialReason = 'expired';
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return payload.exp ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

function isExpired(token: string): boolean {
  const exp = expiryOf(token);
  return exp !== null && exp <= Date.now();
}

export const currentToken = () => current?.token ?? null;

function set(s: Session | null, reason?: LogoutReason) {
  current = s;
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
  for (const l of listeners) l(s, reason);
}

/** Called by the Apollo error link when the API says UNAUTHENTICATED on a signed-in request. */
export function sessionExpired() {
  if (current) set(null, 'expired');
}

interface AuthValue {
  user: SessionUser | null;
  logoutReason: LogoutReason | null;
  signIn: (token: string, user: SessionUser) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(current);
  const [logoutReason, setLogoutReason] = useState<LogoutReason | null>(initialReason);
  useEffect(() => {
    const l = (s: Session | null, reason?: LogoutReason) => {
      setSession(s);
      setLogoutReason(s ? null : (reason ?? null));
    };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  // Log out when the token's lifetime ends, also while the page just sits there.
  useEffect(() => {
    if (!session) return;
    const exp = expiryOf(session.token);
    if (!exp) return;
    const t = setTimeout(() => set(null, 'expired'), Math.max(0, Math.min(exp - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(t);
  }, [session]);
  const signIn = useCallback((token: string, user: SessionUser) => set({ token, user }), []);
  const signOut = useCallback(() => set(null, 'user'), []);
  const value = useMemo(
    () => ({ user: session?.user ?? null, logoutReason, signIn, signOut }),
    [session, logoutReason, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user; screens behind the login guard only. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('not signed in');
  return user;
}
