import { useEffect, useState } from 'react';

/** The enterprise name needs a request, so wait until the pointer rests before asking. */
export function useRestingId(id: number | null, delayMs = 120) {
  const [resting, setResting] = useState<number | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setResting(id), delayMs);
    return () => clearTimeout(timer);
  }, [id, delayMs]);
  return resting;
}
