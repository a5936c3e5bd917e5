import { useEffect } from 'react';

export type AppState = 'loading' | 'ready' | 'error';

/**
 * `data-app-state` on `#root`: what end-to-end tests wait for ("ready" once the first data is in), so
 * they never sleep. `data-app-screen` names the screen that state is about: the sign-in screen is as
 * "ready" as the workspace, so a test that signs in waits for the workspace by name.
 */
export function useAppStateMarker(
  state: AppState,
  screen: string,
  target: () => HTMLElement | null = () => document.getElementById('root'),
): void {
  useEffect(() => {
    const root = target();
    root?.setAttribute('data-app-screen', screen);
    root?.setAttribute('data-app-state', state);
  }, [state, screen, target]);
}
