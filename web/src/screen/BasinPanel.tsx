import { memo } from 'react';
import type { Compensation } from '../api/get-compensation';
import { type BasinEdge, conditionLine, countyNets } from './basin-model';
import { SETTLEMENT_COLOURS } from './hotspot-palette';
import { KpiTile } from './KpiTile';
import { fmtInt, fmtMoney, fmtSignedWan, moneyParts } from './screen-format';
import { sp, st } from './screen-text';

type Props = { compensation: Compensation | undefined; edges: BasinEdge[]; focus: string | null };

/** Scene (d), beside the schematic: the year's money and each county's net settlement. */
export const BasinPanel = memo(function BasinPanel({ compensation, edges, focus }: Props) {
  // Settled money and projections are counted apart; a projection is never a settlement.
  const settled = edges.filter((e) => e.payer && e.status === 'assessed');
  const projected = edges.filter((e) => e.payer && e.status === 'projected');
  const notInForce = edges.length > 0 && edges.every((e) => e.status === 'not_in_force');
  const shown = settled.length > 0 ? settled : projected;
  const total = shown.reduce((s, e) => s + e.amount, 0);
  const downstreamPays = shown.filter((e) => e.payer?.code === e.to).length;
  const upstreamPays = shown.filter((e) => e.payer?.code === e.from).length;
  const nets = countyNets(compensation);
  const rows = [...nets.rows].sort((a, b) => b.value - a.value || a.countyCode.localeCompare(b.countyCode));
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value)));
  const k0 = compensation?.agreements[0]?.k0 ?? 0.85;
  const tag = nets.projected ? st('screen.basin.projectedTag') : '';
  const withConditions = edges.filter((e) => e.conditions.length > 0);
  // With a county in focus the figures are that county's; the list still shows the whole chain.
  const own = focus ? compensation?.settlements.find((s) => s.countyCode === focus) : undefined;
  const mine = edges.filter((e) => e.from === focus || e.to === focus);
  const ownNet = own ? (nets.projected ? own.projectedNet : own.net) : 0;
  return (
    <div className="s-basin-panel">
      {own ? (
        <div className="s-kpi-grid s-kpi-grid--2">
          <KpiTile
            testId="kpi-compensation"
            tone={ownNet >= 0 ? 'cyan' : 'yellow'}
            label={st(nets.projected ? 'screen.basin.netProjected' : 'screen.basin.net', { county: sp(own.name) })}
            value={`${ownNet > 0 ? '+' : ownNet < 0 ? '−' : ''}${moneyParts(Math.abs(ownNet)).value}`}
            unit={moneyParts(ownNet).unit}
            sub={
              nets.projected
                ? st('screen.basin.netSubProjected', {
                    received: fmtMoney(own.projectedReceived),
                    paid: fmtMoney(own.projectedPaid),
                  })
                : st('screen.basin.netSub', { received: fmtMoney(own.received), paid: fmtMoney(own.paid) })
            }
          />
          <KpiTile
            testId="kpi-directions"
            tone="blue"
            label={st('screen.basin.agreements')}
            value={fmtInt(mine.length)}
            unit={st('unit.items')}
            sub={st('screen.basin.agreementsSub', {
              up: fmtInt(mine.filter((e) => e.from === focus).length),
              down: fmtInt(mine.filter((e) => e.to === focus).length),
            })}
          />
        </div>
      ) : (
        <div className="s-kpi-grid s-kpi-grid--2">
          <KpiTile
            testId="kpi-compensation"
            tone="yellow"
            label={st(
              settled.length === 0 && projected.length > 0
                ? 'screen.basin.moneyProjected'
                : 'screen.basin.moneySettled',
              { year: compensation?.year ?? '' },
            )}
            value={compensation ? moneyParts(total).value : '—'}
            unit={moneyParts(total).unit}
            sub={
              notInForce
                ? st('screen.basin.moneySubNotInForce', { n: fmtInt(edges.length) })
                : st('screen.basin.moneySubFull', {
                    n: fmtInt(edges.length),
                    settled: fmtInt(settled.length),
                    projected: fmtInt(projected.length),
                  })
            }
          />
          <KpiTile
            testId="kpi-directions"
            tone="cyan"
            label={`${st('screen.basin.downPays')}${tag}`}
            value={compensation ? fmtInt(downstreamPays) : '—'}
            unit={st('unit.items')}
            sub={`${st('screen.basin.upPays', { n: fmtInt(upstreamPays) })}${tag}`}
          />
        </div>
      )}
      <section className="s-card s-settle" data-testid="settlements">
        <h2 className="s-card-title">
          {st(nets.projected ? 'screen.basin.settlementsProjected' : 'screen.basin.settlements')}
          <span className="s-card-note">{st('screen.basin.unit')}</span>
        </h2>
        <ul className="s-settle-list">
          {rows.map((r) => {
            const colour =
              r.value > 0
                ? SETTLEMENT_COLOURS.receives
                : r.value < 0
                  ? SETTLEMENT_COLOURS.pays
                  : SETTLEMENT_COLOURS.even;
            const width = `${(Math.abs(r.value) / max) * 50}%`;
            return (
              <li key={r.countyCode} className={focus === r.countyCode ? 's-settle-focus' : undefined}>
                <span className="s-settle-name">{r.name}</span>
                <span className="s-settle-track" aria-hidden="true">
                  <span className="s-settle-axis" />
                  <span
                    className="s-settle-bar"
                    style={{ width, background: colour, [r.value >= 0 ? 'left' : 'right']: '50%' }}
                  />
                </span>
                <span className="s-settle-value" style={{ color: colour }}>
                  {fmtSignedWan(r.value)}
                </span>
              </li>
            );
          })}
        </ul>
        <p className="s-settle-legend">
          <i style={{ background: SETTLEMENT_COLOURS.receives }} />
          {st('screen.basin.receives')}
          <i style={{ background: SETTLEMENT_COLOURS.pays }} />
          {st('screen.basin.pays')}
        </p>
      </section>
      {withConditions.length > 0 && (
        <section className="s-card s-conditions" data-testid="screen-conditions">
          <h2 className="s-card-title">{st('screen.basin.conditions')}</h2>
          <ul>
            {withConditions.map((e) => (
              <li key={e.id}>
                <b>
                  {e.fromName} → {e.toName}
                </b>
                {e.conditions.map((c) => (
                  <span key={c.kind} className={`s-condition s-condition--${c.outcome}`}>
                    {conditionLine(c)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="s-card s-rule">
        <h2 className="s-card-title">{st('screen.basin.rule')}</h2>
        <p className="s-formula">
          <span className="s-formula-main">
            P = K<sub>0</sub> · Σ w<sub>i</sub> · C<sub>i</sub> / C<sub>0i</sub>
          </span>
          <span className="s-formula-k">
            K<sub>0</sub> = {k0}
          </span>
        </p>
        <p>{st('screen.basin.ruleText')}</p>
      </section>
    </div>
  );
});
