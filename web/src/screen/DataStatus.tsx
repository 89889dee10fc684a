import type { Health } from '../api/get-health';
import { fmtHm, fmtIsoDate } from './screen-format';
import { DEMO, DEMO_HINT, st } from './screen-text';
import type { LiveStatus } from './use-live-data';

type Props = {
  health: Health | undefined;
  live: LiveStatus;
  /** A past period (`?period=`): its text and the day its figures are read as of. */
  period?: { text: string; to: string } | null;
};

/**
 * The data's own time: its reference date (数据截至) and when the screen last confirmed it is
 * current (数据更新于). During an outage the time freezes and says so; the demo badge tells the
 * public that the figures are generated.
 */
export function DataStatus({ health, live, period = null }: Props) {
  const stamp = live.lastContact ? fmtHm(new Date(live.lastContact)) : '--:--';
  return (
    <div className="s-status">
      {health?.demo && (
        <span className="s-demo" data-testid="demo-badge" title={DEMO_HINT}>
          {DEMO}
        </span>
      )}
      <div className="s-stamps">
        {period ? (
          <span className="s-asof" data-testid="screen-period">
            {st('screen.periodAsOf', { period: period.text, date: fmtIsoDate(period.to) })}
          </span>
        ) : (
          health?.asOf && <span className="s-asof">{st('screen.asOf', { date: fmtIsoDate(health.asOf) })}</span>
        )}
        <span
          className={live.online ? 's-stamp' : 's-stamp s-stamp--offline'}
          data-testid={live.online ? 'data-stamp' : 'offline-badge'}
          data-online={live.online ? 'true' : 'false'}
          role="status"
        >
          {st('screen.updated', { time: stamp })}
          {!live.online && st('screen.offline')}
        </span>
      </div>
    </div>
  );
}
