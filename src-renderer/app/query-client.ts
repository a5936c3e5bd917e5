import { QueryClient } from '@tanstack/react-query';
import { guichetErrorOf } from '../shared/errors';

/** Domain refusals (not found, forbidden, validation…) will not change on retry; only transport hiccups do. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const payload = guichetErrorOf(error);
  if (payload !== null && payload.code !== 'INTERNAL') return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
