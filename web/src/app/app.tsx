import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import SignInPage from '../modules/auth/sign-in-page';
import { FullPageSpinner } from '../ui/full-page-spinner';
import { AppProviders } from './app-providers';
import { useAuth } from './auth-context';
import { loadShell } from './load-shell';

// The sign-in page ships in the first bundle so it paints the moment /auth/me says "signed out", with no
// second round trip. The shell (menus, tables…) is the heavy half and loads on demand, warmed while the
// password is being checked.
const AppShell = lazy(loadShell);

interface FromState {
  from?: string;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'signedOut') {
    // After a deliberate sign-out the next person starts at home, not on the previous user's last page.
    const from = state.reason === 'signedOut' ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from } satisfies FromState} />;
  }
  return <>{children}</>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'signedIn') {
    const from = (location.state as FromState | null)?.from;
    // Only same-app paths: never bounce to a URL someone smuggled into history state.
    const target = from && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
    return <Navigate to={target} replace />;
  }
  return <>{children}</>;
}

export function App() {
  return (
    <AppProviders>
      <BrowserRouter>
        <Suspense fallback={<FullPageSpinner />}>
          <Routes>
            <Route path="/login" element={<GuestOnly><SignInPage /></GuestOnly>} />
            <Route path="/*" element={<RequireAuth><AppShell /></RequireAuth>} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </AppProviders>
  );
}
