import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

const isVisible = (): boolean => document.visibilityState !== 'hidden';

/** Whether the console's tab is in front (messages arriving behind it are unread). */
export function useDocumentVisible(): boolean {
  return useSyncExternalStore(subscribe, isVisible);
}
