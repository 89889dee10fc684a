import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/**
 * Wall screens run unattended: failed requests retry with back-off, a failed refetch keeps the
 * last good data on screen (React Query's default), and focus changes do not refetch.
 * A 4xx is an answer, not an outage — no retry.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 3,
    },
  },
});
