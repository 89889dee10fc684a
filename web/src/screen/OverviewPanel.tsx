import { memo } from 'react';
import type { Overview } from '../api/get-overview';
import { ColourBar } from './ColourBar';
import { KpiTile } from './KpiTile';
import type { ColourCounts, HotspotSummary } from './screen-data';
import { fmtInt, fmtMoney, fmtPct } from './screen-format';
import { COLOUR_TEXT, st } from './screen-text';
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
          <span className="s-kpi-label">{st('screen.kpi.total', { scope: scopeName })}</span>
          <span className="s-hero-num">
            <span className="s-kpi-num" data-testid="kpi-total-value">
              {counts.total ? fmtInt(counts.total) : dash}
            </span>
            <span className="s-kpi-unit">{st('unit.firms')}</span>
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
          unit={st('unit.firms')}
          sub={st('screen.share', { pct: fmtPct(counts.red / total) })}
        />
        <KpiTile
          testId="kpi-yellow"
          tone="yellow"
          label={`${COLOUR_TEXT.yellow.name} · ${COLOUR_TEXT.yellow.meaning}`}
          value={fmtInt(counts.yellow)}
          unit={st('unit.firms')}
          sub={st('screen.share', { pct: fmtPct(counts.yellow / total) })}
        />
        {county === null ? (
          <KpiTile
            testId="kpi-cases"
            tone="blue"
            label={st('screen.kpi.casesYear')}
            value={cases ? fmtInt(cases.thisYear) : dash}
            unit={st('unit.cases')}
            sub={
              yoy === null
                ? st('screen.kpi.noCasesLastYear')
                : st('screen.kpi.vsLastYear', { delta: `${yoy >= 0 ? '+' : '−'}${fmtPct(Math.abs(yoy))}` })
            }
          />
        ) : (
          <KpiTile
            testId="kpi-cases"
            tone="blue"
            label={st('screen.kpi.casesDays', { days: HOTSPOT_DAYS })}
            value={hot ? fmtInt(hot.cases) : dash}
            unit={st('unit.cases')}
            sub={st('screen.kpi.byPlace')}
          />
        )}
        {county === null ? (
          <KpiTile
            testId="kpi-rectification"
            tone="green"
            label={st('screen.kpi.rectification')}
            value={rate === null ? dash : fmtPct(rate).replace('%', '')}
            unit="%"
            sub={overview ? st('screen.kpi.rectificationSub', { n: fmtInt(overview.rectification.total) }) : undefined}
          />
        ) : (
          <KpiTile
            testId="kpi-key"
            tone="green"
            label={st('screen.kpi.keyPollutant')}
            value={fmtInt(counts.keyPollutant)}
            unit={st('unit.firms')}
            sub={st('screen.share', { pct: fmtPct(counts.keyPollutant / total) })}
          />
        )}
        <KpiTile
          testId="kpi-insured"
          tone="cyan"
          label={st('screen.kpi.insured')}
          value={fmtInt(county === null && overview ? overview.insurance.insured : counts.insured)}
          unit={st('unit.firms')}
          sub={
            county === null && overview
              ? st('screen.kpi.subsidy', { amount: fmtMoney(overview.insurance.subsidyPaid) })
              : st('screen.kpi.insuredRate', { pct: fmtPct(counts.insured / total) })
          }
        />
        <KpiTile
          testId="kpi-sections"
          tone="blue"
          label={st('screen.kpi.sections')}
          value={sections.total ? `${sections.meeting}/${sections.total}` : dash}
          unit={st('unit.count')}
          sub={
            sections.total
              ? st('screen.kpi.sectionsRate', { pct: fmtPct(sections.meeting / sections.total) })
              : st('screen.kpi.noSections')
          }
        />
      </div>
    </div>
  );
});
