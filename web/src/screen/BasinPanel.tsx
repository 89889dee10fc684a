import { memo } from 'react';
import type { Compensation } from '../api/get-compensation';
import { type BasinEdge, conditionLine, countyNets } from './basin-model';
import { SETTLEMENT_COLOURS } from './hotspot-palette';
import { KpiTile } from './KpiTile';
import { fmtInt, fmtSignedWan, fmtWan } from './screen-format';

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
  const tag = nets.projected ? '预估' : '';
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
            label={`${own.name}年度${nets.projected ? '预估净额（未结算）' : '净结算'}`}
            value={fmtSignedWan(ownNet)}
            unit="万元"
            sub={
              nets.projected
                ? `预估获得 ${fmtWan(own.projectedReceived)} · 支付 ${fmtWan(own.projectedPaid)} 万元`
                : `获得 ${fmtWan(own.received)} · 支付 ${fmtWan(own.paid)} 万元`
            }
          />
          <KpiTile
            testId="kpi-directions"
            tone="blue"
            label="涉及补偿协议"
            value={fmtInt(mine.length)}
            unit="项"
            sub={`作为上游 ${fmtInt(mine.filter((e) => e.from === focus).length)} 项 · 下游 ${fmtInt(mine.filter((e) => e.to === focus).length)} 项`}
          />
        </div>
      ) : (
        <div className="s-kpi-grid s-kpi-grid--2">
          <KpiTile
            testId="kpi-compensation"
            tone="yellow"
            label={`${compensation?.year ?? ''} 年度${settled.length === 0 && projected.length > 0 ? '预估补偿资金（未结算）' : '已结算补偿资金'}`}
            value={compensation ? fmtWan(total) : '—'}
            unit="万元"
            sub={
              notInForce
                ? `${fmtInt(edges.length)} 项协议 · 本年度不在协议期内`
                : `${fmtInt(edges.length)} 项协议 · ${fmtInt(settled.length)} 项已结算 · ${fmtInt(projected.length)} 项预估`
            }
          />
          <KpiTile
            testId="kpi-directions"
            tone="cyan"
            label={`下游补偿上游${tag}`}
            value={compensation ? fmtInt(downstreamPays) : '—'}
            unit="项"
            sub={`上游赔付下游${tag} ${fmtInt(upstreamPays)} 项`}
          />
        </div>
      )}
      <section className="s-card s-settle" data-testid="settlements">
        <h2 className="s-card-title">
          {nets.projected ? '各县（市、区）预估净额 · 年度未结束，不计入结算' : '各县（市、区）年度净结算'}
          <span className="s-card-note">单位：万元</span>
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
          净收入（获得补偿）
          <i style={{ background: SETTLEMENT_COLOURS.pays }} />
          净支出（支付补偿）
        </p>
      </section>
      {withConditions.length > 0 && (
        <section className="s-card s-conditions" data-testid="screen-conditions">
          <h2 className="s-card-title">水量与用水条件</h2>
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
        <h2 className="s-card-title">考核办法</h2>
        <p className="s-formula">
          <span className="s-formula-main">
            P = K<sub>0</sub> · Σ w<sub>i</sub> · C<sub>i</sub> / C<sub>0i</sub>
          </span>
          <span className="s-formula-k">
            K<sub>0</sub> = {k0}
          </span>
        </p>
        <p>
          交接断面高锰酸盐指数、氨氮、总磷的年均浓度与基准（前三年均值）相比：<b>P ≤ 1</b>
          下游补偿上游，<b>P &gt; 1</b> 上游赔付下游。
        </p>
      </section>
    </div>
  );
});
