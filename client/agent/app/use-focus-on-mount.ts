import { useEffect, useRef } from 'react';

/**
 * Moves keyboard and screen-reader focus to a screen's heading when the
 * screen appears, the way a page load would; otherwise focus stays on a
 * button that no longer exists and the reader says nothing.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
