import { memo } from 'react';
import type { Compensation } from '../api/get-compensation';
import type { BasinEdge } from './basin-model';
import { SETTLEMENT_COLOURS } from './hotspot-palette';
import { KpiTile } from './KpiTile';
import { fmtInt, fmtSignedWan, fmtWan } from './screen-format';

type Props = { compensation: Compensation | undefined; edges: BasinEdge[]; focus: string | null };

/** Scene (d), beside the schematic: the year's money and each county's net settlement. */
export const BasinPanel = memo(function BasinPanel({ compensation, edges, focus }: Props) {
  const settled = edges.filter((e) => e.payer);
  const total = settled.reduce((s, e) => s + e.amount, 0);
  const downstreamPays = settled.filter((e) => e.payer?.code === e.to).length;
  const upstreamPays = settled.filter((e) => e.payer?.code === e.from).length;
  const rows = [...(compensation?.settlements ?? [])].sort(
    (a, b) => b.net - a.net || a.countyCode.localeCompare(b.countyCode),
  );
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.net)));
  const k0 = compensation?.agreements[0]?.k0 ?? 0.85;
  // With a county in focus the figures are that county's; the list still shows the whole chain.
  const own = focus ? compensation?.settlements.find((s) => s.countyCode === focus) : undefined;
  const mine = edges.filter((e) => e.from === focus || e.to === focus);
  return (
    <div className="s-basin-panel">
      {own ? (
        <div className="s-kpi-grid s-kpi-grid--2">
          <KpiTile
            testId="kpi-compensation"
            tone={own.net >= 0 ? 'cyan' : 'yellow'}
            label={`${own.name}年度净结算`}
            value={fmtSignedWan(own.net)}
            unit="万元"
            sub={`获得 ${fmtWan(own.received)} · 支付 ${fmtWan(own.paid)} 万元`}
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
            label={`${compensation?.year ?? ''} 年度补偿资金`}
            value={compensation ? fmtWan(total) : '—'}
            unit="万元"
            sub={`${fmtInt(edges.length)} 项协议 · ${fmtInt(settled.length)} 项结算`}
          />
          <KpiTile
            testId="kpi-directions"
            tone="cyan"
            label="下游补偿上游"
            value={compensation ? fmtInt(downstreamPays) : '—'}
            unit="项"
            sub={`上游赔付下游 ${fmtInt(upstreamPays)} 项`}
          />
        </div>
      )}
      <section className="s-card s-settle" data-testid="settlements">
        <h2 className="s-card-title">
          各县（市、区）年度净结算
          <span className="s-card-note">单位：万元</span>
        </h2>
        <ul className="s-settle-list">
          {rows.map((r) => {
            const colour =
              r.net > 0 ? SETTLEMENT_COLOURS.receives : r.net < 0 ? SETTLEMENT_COLOURS.pays : SETTLEMENT_COLOURS.even;
            const width = `${(Math.abs(r.net) / max) * 50}%`;
            return (
              <li key={r.countyCode} className={focus === r.countyCode ? 's-settle-focus' : undefined}>
                <span className="s-settle-name">{r.name}</span>
                <span className="s-settle-track" aria-hidden="true">
                  <span className="s-settle-axis" />
                  <span
                    className="s-settle-bar"
                    style={{ width, background: colour, [r.net >= 0 ? 'left' : 'right']: '50%' }}
                  />
                </span>
                <span className="s-settle-value" style={{ color: colour }}>
                  {fmtSignedWan(r.net)}
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
