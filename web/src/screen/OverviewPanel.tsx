import { memo } from 'react';
import type { Overview } from '../api/get-overview';
import { ColourBar } from './ColourBar';
import { KpiTile } from './KpiTile';
import type { ColourCounts, HotspotSummary } from './screen-data';
import { fmtInt, fmtPct, fmtWan } from './screen-format';
import { COLOUR_TEXT } from './screen-text';
import { HOTSPOT_DAYS } from './use-screen-data';

type Props = {
  scopeName: string;
  county: string | null;
  counts: ColourCounts;
  overview: Overview | undefined;
  hot: HotspotSummary | null;
  sections: { total: number; meeting: number };
};

const dash = '—';

/** Scene (a): the big numbers. City-wide figures come from /api/stats/overview; a county's from the layer. */
export const OverviewPanel = memo(function OverviewPanel({
  scopeName,
  county,
  counts,
  overview,
  hot,
  sections,
}: Props) {
  const total = Math.max(1, counts.total);
  const cases = overview?.cases;
  const yoy = cases && cases.lastYearToDate > 0 ? cases.thisYear / cases.lastYearToDate - 1 : null;
  const rate = overview?.rectification.rate ?? null;
  return (
    <div className="s-overview">
      <div className="s-card s-hero" data-testid="kpi-total">
        <div className="s-hero-head">
          <span className="s-kpi-label">{scopeName}监管企业</span>
          <span className="s-hero-num">
            <span className="s-kpi-num" data-testid="kpi-total-value">
              {counts.total ? fmtInt(counts.total) : dash}
            </span>
            <span className="s-kpi-unit">家</span>
          </span>
        </div>
        <ColourBar counts={counts} />
      </div>
      <div className="s-kpi-grid">
        <KpiTile
          testId="kpi-red"
          tone="red"
          label={`${COLOUR_TEXT.red.name} · ${COLOUR_TEXT.red.meaning}`}
          value={fmtInt(counts.red)}
          unit="家"
          sub={`占 ${fmtPct(counts.red / total)}`}
        />
        <KpiTile
          testId="kpi-yellow"
          tone="yellow"
          label={`${COLOUR_TEXT.yellow.name} · ${COLOUR_TEXT.yellow.meaning}`}
          value={fmtInt(counts.yellow)}
          unit="家"
          sub={`占 ${fmtPct(counts.yellow / total)}`}
        />
        {county === null ? (
          <KpiTile
            testId="kpi-cases"
            tone="blue"
            label="今年立案查处"
            value={cases ? fmtInt(cases.thisYear) : dash}
            unit="件"
            sub={yoy === null ? '上年同期无案件' : `较上年同期 ${yoy >= 0 ? '+' : '−'}${fmtPct(Math.abs(yoy))}`}
          />
        ) : (
          <KpiTile
            testId="kpi-cases"
            tone="blue"
            label={`近 ${HOTSPOT_DAYS} 天立案`}
            value={hot ? fmtInt(hot.cases) : dash}
            unit="件"
            sub="按案发地点统计"
          />
        )}
        {county === null ? (
          <KpiTile
            testId="kpi-rectification"
            tone="green"
            label="问题整改率"
            value={rate === null ? dash : fmtPct(rate).replace('%', '')}
            unit="%"
            sub={overview ? `近 12 个月 ${fmtInt(overview.rectification.total)} 个问题` : undefined}
          />
        ) : (
          <KpiTile
            testId="kpi-key"
            tone="green"
            label="重点排污单位"
            value={fmtInt(counts.keyPollutant)}
            unit="家"
            sub={`占 ${fmtPct(counts.keyPollutant / total)}`}
          />
        )}
        <KpiTile
          testId="kpi-insured"
          tone="cyan"
          label="环责险投保企业"
          value={fmtInt(county === null && overview ? overview.insurance.insured : counts.insured)}
          unit="家"
          sub={
            county === null && overview
              ? `财政保费补贴 ${fmtWan(overview.insurance.subsidyPaid)} 万元`
              : `投保率 ${fmtPct(counts.insured / total)}`
          }
        />
        <KpiTile
          testId="kpi-sections"
          tone="blue"
          label="水质断面达标"
          value={sections.total ? `${sections.meeting}/${sections.total}` : dash}
          unit="个"
          sub={sections.total ? `达标率 ${fmtPct(sections.meeting / sections.total)}` : '本区域无国控断面'}
        />
      </div>
    </div>
  );
});
