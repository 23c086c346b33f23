import { useState, type ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change on retry; only network blips and 5xx are worth a second try.
        retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      },
    },
  });
}

/**
 * One query client per signed-in session: the shell unmounts on sign-out, taking every cached record with
 * it, so the next person at this browser starts clean.
 */
export function ShellProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <AntApp>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AntApp>
  );
}
