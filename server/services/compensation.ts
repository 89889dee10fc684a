import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { bureauYear, inYears } from '../db/clock';
import {
  type AgreementYearResult,
  assessAgreementYear,
  baselineFromAnnualMeans,
  baselineYears,
  type CountyWaterUse,
  expectedSamples,
  type Settlement,
  settle,
} from '../domain/compensation';
import { type Indicator, reportedMean } from '../domain/water-quality';

export type AgreementAssessment = AgreementYearResult & {
  id: number;
  name: string;
  upstream: { code: string; name: string };
  downstream: { code: string; name: string };
  sectionId: number;
  sectionName: string;
  samplingIntervalHours: number;
  startYear: number;
  endYear: number | null;
  baselineYears: number[];
  indicators: string[];
  weights: Record<string, number>;
  k0: number;
  baseline: Record<string, number>;
  means: Record<string, number>;
  contractAmount: number;
  terms: {
    minFlow: number | null;
    flowEffect: 'proportional' | 'report';
    waterUseCap: number | null;
    waterUseEfficiency: boolean;
    waterUseEffect: 'forfeit' | 'report';
  };
  settlementForms: string[];
  extraConditions: Record<string, unknown>;
};

type AgreementRow = {
  id: number;
  name: string;
  upstreamCode: string;
  upstreamName: string;
  downstreamCode: string;
  downstreamName: string;
  sectionId: number;
  sectionName: string;
  samplingIntervalHours: number;
  indicators: string[];
  weights: Record<string, number>;
  k0: number;
  baseline: Record<string, number> | null;
  amount: number;
  startYear: number;
  endYear: number | null;
  coverageThreshold: number;
  minFlow: number | null;
  flowEffect: 'proportional' | 'report';
  waterUseCap: number | null;
  waterUseEfficiency: boolean;
  waterUseEffect: 'forfeit' | 'report';
  settlementForms: string[];
  extraConditions: Record<string, unknown>;
};

type YearMeanRow = { sectionId: number; year: number } & Record<string, number | null>;

const INDICATOR_COLUMNS: Record<string, string> = {
  codmn: 'codmn',
  nh3n: 'nh3n',
  tp: 'tp',
  tn: 'tn',
  do: '"do"',
  ph: 'ph',
  flow: 'flow',
};

/**
 * Assesses every agreement for one year by its own terms. Annual means and per-indicator counts
 * of valid readings are aggregated in SQL over the bureau's calendar year (one grouped query),
 * not by pulling raw readings into JS; the rules are the domain's.
 */
export async function assessYear(
  db: Db,
  year: number,
  asOf: string,
): Promise<{
  agreements: AgreementAssessment[];
  settlements: (Settlement & { name: string })[];
}> {
  const agreements = rowsOf<AgreementRow>(
    await db.execute(sql`
      select a.id, a.name, a.upstream_code as "upstreamCode", u.name as "upstreamName",
             a.downstream_code as "downstreamCode", d.name as "downstreamName",
             a.section_id as "sectionId", s.name as "sectionName",
             s.sampling_interval_hours as "samplingIntervalHours", a.indicators, a.weights, a.k0,
             a.baseline, a.amount, a.start_year as "startYear", a.end_year as "endYear",
             a.coverage_threshold as "coverageThreshold", a.min_flow as "minFlow",
             a.flow_effect as "flowEffect", a.water_use_cap as "waterUseCap",
             a.water_use_efficiency as "waterUseEfficiency", a.water_use_effect as "waterUseEffect",
             a.settlement_forms as "settlementForms", a.extra_conditions as "extraConditions"
        from compensation_agreements a
        join regions u on u.code = a.upstream_code
        join regions d on d.code = a.downstream_code
        join sections s on s.id = a.section_id
       order by a.id`),
  );
  if (agreements.length === 0) return { agreements: [], settlements: [] };

  const measures = [...new Set([...agreements.flatMap((a) => a.indicators), 'flow'])].filter(
    (i) => INDICATOR_COLUMNS[i],
  );
  const firstYear = Math.min(year, ...agreements.map((a) => a.startYear - 3));
  const columns = sql.join(
    measures.map((i) =>
      sql.raw(`avg(${INDICATOR_COLUMNS[i]})::float8 as "${i}", count(${INDICATOR_COLUMNS[i]})::int as "n_${i}"`),
    ),
    sql`, `,
  );
  const sectionIds = [...new Set(agreements.map((a) => a.sectionId))];
  const yearly = rowsOf<YearMeanRow>(
    await db.execute(sql`
      select section_id as "sectionId", ${bureauYear(sql`time`)} as year, ${columns}
        from readings
       where valid and section_id in (${sql.join(sectionIds, sql`, `)}) and ${inYears(sql`time`, firstYear, year)}
       group by 1, 2`),
  );
  const meansOf = (sectionId: number, y: number) => yearly.find((r) => r.sectionId === sectionId && r.year === y);

  const upstreamCodes = [
    ...new Set(agreements.filter((a) => a.waterUseCap !== null || a.waterUseEfficiency).map((a) => a.upstreamCode)),
  ];
  const waterUse =
    upstreamCodes.length === 0
      ? []
      : rowsOf<{ countyCode: string; year: number } & CountyWaterUse>(
          await db.execute(sql`
            select county_code as "countyCode", year, total_use as "totalUse", gdp
              from county_water_use
             where county_code in (${sql.join(upstreamCodes, sql`, `)}) and year in (${year}, ${year - 1})`),
        );
  const waterUseOf = (county: string, y: number) => {
    const w = waterUse.find((r) => r.countyCode === county && Number(r.year) === y);
    return w ? { totalUse: Number(w.totalUse), gdp: Number(w.gdp) } : null;
  };

  const results = agreements.map((a): AgreementAssessment => {
    // Annual means as reported (GB/T 8170, the indicator's precision): the figures shown are the figures used.
    const pick = (row: YearMeanRow | undefined, keys: string[]) =>
      Object.fromEntries(
        keys.filter((i) => row?.[i] != null).map((i) => [i, reportedMean(i as Indicator, Number(row?.[i]))]),
      );
    const years = baselineYears(a.startYear);
    const baseline =
      a.baseline ??
      baselineFromAnnualMeans(
        years.map((y) => pick(meansOf(a.sectionId, y), a.indicators)).filter((m) => Object.keys(m).length > 0),
      );
    const row = meansOf(a.sectionId, year);
    const means = pick(row, a.indicators);
    const validCounts = Object.fromEntries(measures.map((i) => [i, Number(row?.[`n_${i}`] ?? 0)]));
    const result = assessAgreementYear({
      year,
      asOf,
      term: { startYear: a.startYear, endYear: a.endYear },
      indicators: a.indicators,
      weights: a.weights,
      k0: a.k0,
      amount: a.amount,
      coverageThreshold: a.coverageThreshold,
      baseline,
      means,
      validCounts,
      expected: expectedSamples(year, asOf, a.samplingIntervalHours),
      flow:
        a.minFlow === null
          ? null
          : { term: { minimum: a.minFlow, effect: a.flowEffect }, mean: row?.flow == null ? null : Number(row.flow) },
      waterUse:
        a.waterUseCap === null && !a.waterUseEfficiency
          ? null
          : {
              term: { cap: a.waterUseCap, efficiency: a.waterUseEfficiency, effect: a.waterUseEffect },
              year: waterUseOf(a.upstreamCode, year),
              previous: waterUseOf(a.upstreamCode, year - 1),
            },
    });
    const inForce = result.status !== 'not_in_force';
    return {
      ...result,
      id: a.id,
      name: a.name,
      upstream: { code: a.upstreamCode, name: a.upstreamName },
      downstream: { code: a.downstreamCode, name: a.downstreamName },
      sectionId: a.sectionId,
      sectionName: a.sectionName,
      samplingIntervalHours: a.samplingIntervalHours,
      startYear: a.startYear,
      endYear: a.endYear,
      baselineYears: years,
      indicators: a.indicators,
      weights: a.weights,
      k0: a.k0,
      baseline,
      // A year the agreement does not cover shows no means that could pass for an assessment.
      means: inForce ? means : {},
      contractAmount: a.amount,
      terms: {
        minFlow: a.minFlow,
        flowEffect: a.flowEffect,
        waterUseCap: a.waterUseCap,
        waterUseEfficiency: a.waterUseEfficiency,
        waterUseEffect: a.waterUseEffect,
      },
      settlementForms: a.settlementForms,
      extraConditions: a.extraConditions,
    };
  });

  const names = new Map<string, string>();
  for (const a of results) {
    names.set(a.upstream.code, a.upstream.name);
    names.set(a.downstream.code, a.downstream.name);
  }
  const settlements = settle(
    results.map((r) => ({
      upstream: r.upstream.code,
      downstream: r.downstream.code,
      direction: r.direction,
      amount: r.amount,
      status: r.status,
    })),
  ).map((s) => ({ ...s, name: names.get(s.countyCode) ?? s.countyCode }));
  return { agreements: results, settlements };
}
