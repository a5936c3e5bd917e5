import { useEffect } from 'react';

export type AppState = 'loading' | 'ready' | 'error';

/**
 * `data-app-state` on `#root`: what end-to-end tests wait for ("ready" once the first data is in), so
 * they never sleep.
 */
export function useAppStateMarker(state: AppState, target: () => HTMLElement | null = () => document.getElementById('root')): void {
  useEffect(() => {
    target()?.setAttribute('data-app-state', state);
  }, [state, target]);
}
