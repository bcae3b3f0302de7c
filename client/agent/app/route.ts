import { useCallback, useSyncExternalStore } from 'react';

/**
 * The console's few screens live in the URL hash, so a reload (or a second
 * tab) reopens the live view the agent was on. No router library needed.
 */
export type Route =
  | { name: 'home' }
  | { name: 'live'; sessionId: string }
  /** A supervisor's list of every live session, and one of them watched read-only. */
  | { name: 'monitor' }
  | { name: 'monitor-live'; sessionId: string };

const LIVE = /^#\/live\/([0-9a-fA-F-]{36})$/;
const MONITOR_LIVE = /^#\/monitor\/([0-9a-fA-F-]{36})$/;

export function parseRoute(hash: string): Route {
  const live = LIVE.exec(hash);
  if (live?.[1]) return { name: 'live', sessionId: live[1].toLowerCase() };
  const monitored = MONITOR_LIVE.exec(hash);
  if (monitored?.[1]) return { name: 'monitor-live', sessionId: monitored[1].toLowerCase() };
  if (hash === '#/monitor') return { name: 'monitor' };
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'live':
      return `#/live/${route.sessionId}`;
    case 'monitor':
      return '#/monitor';
    case 'monitor-live':
      return `#/monitor/${route.sessionId}`;
    case 'home':
      return '#/';
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const readHash = (): string => window.location.hash;

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, readHash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = routeHash(route);
  }, []);
  return [parseRoute(hash), navigate];
}
