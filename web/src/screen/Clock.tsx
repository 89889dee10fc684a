import { useEffect, useState } from 'react';
import { fmtDateLong, fmtHms } from './screen-format';

/** Wall clock: the only part of the screen that re-renders every second. */
export function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="s-clock" data-testid="clock">
      <time className="s-clock-time" dateTime={now.toISOString()}>
        {fmtHms(now)}
      </time>
      <span className="s-clock-date">{fmtDateLong(now)}</span>
    </div>
  );
}
