import { memo } from 'react';
import type { HotspotWindow } from '../api/get-hotspots';
import { HOTSPOT_COLOURS } from './hotspot-palette';
import { KpiTile } from './KpiTile';
import type { HotspotSummary } from './screen-data';
import { fmtInt, fmtIsoDate } from './screen-format';
import { st } from './screen-text';
import { HOTSPOT_DAYS } from './use-screen-data';

type Props = { scopeName: string; hot: HotspotSummary | null; window: HotspotWindow | null };

const TOP = 8;

/** Scene (c): violation hotspots of the last 90 days and the towns that hold them. */
export const HotspotsPanel = memo(function HotspotsPanel({ scopeName, hot, window }: Props) {
  const hotCells = hot ? hot.bins.hot99 + hot.bins.hot95 + hot.bins.hot90 : 0;
  const top = hot?.topAreas.slice(0, TOP) ?? [];
  const maxCases = Math.max(1, ...top.map((a) => a.cases));
  return (
    <div className="s-hotspots">
      <div className="s-kpi-grid s-kpi-grid--2">
        <KpiTile
          testId="kpi-cases90"
          tone="red"
          label={st('screen.hot.cases', { days: HOTSPOT_DAYS })}
          value={hot ? fmtInt(hot.cases) : '—'}
          unit={st('unit.cases')}
          sub={window ? `${fmtIsoDate(window.from)} — ${fmtIsoDate(window.to)}` : undefined}
        />
        <KpiTile
          testId="kpi-hotcells"
          tone="yellow"
          label={st('screen.hot.cells')}
          value={hot ? fmtInt(hotCells) : '—'}
          unit={st('unit.count')}
          sub={
            hot ? (
              <span className="s-bins">
                <i style={{ background: HOTSPOT_COLOURS.hot99 }} />
                99% {fmtInt(hot.bins.hot99)}
                <i style={{ background: HOTSPOT_COLOURS.hot95 }} />
                95% {fmtInt(hot.bins.hot95)}
                <i style={{ background: HOTSPOT_COLOURS.hot90 }} />
                90% {fmtInt(hot.bins.hot90)}
              </span>
            ) : undefined
          }
        />
      </div>
      <section className="s-card s-hot-list" data-testid="hot-areas">
        <h2 className="s-card-title">
          {st('screen.hot.top', { scope: scopeName, n: TOP })}
          <span className="s-card-note">{st('screen.hot.topNote')}</span>
        </h2>
        {top.length === 0 ? (
          <p className="s-empty">{hot ? st('screen.hot.none') : st('screen.loading')}</p>
        ) : (
          <ol className="s-rank">
            {top.map((a, i) => (
              <li key={a.code}>
                <span className={`s-rank-no${i < 3 ? ' s-rank-no--top' : ''}`}>{i + 1}</span>
                <span className="s-rank-name">
                  {a.name}
                  <small>{a.county}</small>
                </span>
                <span className="s-rank-bar" aria-hidden="true">
                  <span style={{ width: `${(a.cases / maxCases) * 100}%` }} />
                </span>
                <span className="s-rank-value">
                  <span>
                    <b>{fmtInt(a.cases)}</b> {st('unit.cases')}
                  </span>
                  <small>{st('screen.hot.areaCells', { n: fmtInt(a.hotCells) })}</small>
                </span>
              </li>
            ))}
          </ol>
        )}
        <p className="s-method">{st('screen.hot.method')}</p>
      </section>
    </div>
  );
});
