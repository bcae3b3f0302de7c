import { useEffect, useState } from 'react';

/**
 * Re-renders every `intervalMs` and returns `now()` (typically the server
 * clock), for numbers that count up on screen: waiting times, lag.
 */
export function useTickingNow(now: () => number, intervalMs = 1000): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    setValue(now());
    const id = setInterval(() => setValue(now()), intervalMs);
    return () => clearInterval(id);
  }, [now, intervalMs]);
  return value;
}
