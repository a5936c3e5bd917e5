import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`: for texts such as "5 min ago" that age on screen. */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
