import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { assessCompensation, baselineFromAnnualMeans, type CompensationResult, settle } from '../domain/compensation';

const READINGS_PER_DAY = 6;

export type AgreementAssessment = CompensationResult & {
  id: number;
  name: string;
  upstream: { code: string; name: string };
  downstream: { code: string; name: string };
  sectionId: number;
  sectionName: string;
  indicators: string[];
  weights: Record<string, number>;
  k0: number;
  baseline: Record<string, number>;
  means: Record<string, number>;
  coverage: number;
  contractAmount: number;
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
  indicators: string[];
  weights: Record<string, number>;
  k0: number;
  baseline: Record<string, number> | null;
  amount: number;
  startYear: number;
  coverageThreshold: number;
  settlementForms: string[];
  extraConditions: Record<string, unknown>;
};

type YearMeanRow = { sectionId: number; year: number; count: number } & Record<string, number | null>;

const INDICATOR_COLUMNS: Record<string, string> = {
  codmn: 'codmn',
  nh3n: 'nh3n',
  tp: 'tp',
  tn: 'tn',
  do: '"do"',
  ph: 'ph',
};

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const dayOfYear = (iso: string) => {
  const d = Date.parse(`${iso}T00:00:00Z`);
  return Math.floor((d - Date.UTC(Number(iso.slice(0, 4)), 0, 1)) / 86_400_000) + 1;
};

/**
 * Assesses every agreement for one year. Annual means are aggregated in SQL (one grouped query
 * over valid readings), not by pulling raw readings into JS. The year of `asOf` is "projected"
 * from data so far; its coverage is measured against the days elapsed.
 */
export async function assessYear(
  db: Db,
  year: number,
  asOf: string,
): Promise<{
  agreements: AgreementAssessment[];
  settlements: { countyCode: string; name: string; received: number; paid: number; net: number }[];
}> {
  const agreements = rowsOf<AgreementRow>(
    await db.execute(sql`
      select a.id, a.name, a.upstream_code as "upstreamCode", u.name as "upstreamName",
             a.downstream_code as "downstreamCode", d.name as "downstreamName",
             a.section_id as "sectionId", s.name as "sectionName", a.indicators, a.weights, a.k0,
             a.baseline, a.amount, a.start_year as "startYear",
             a.coverage_threshold as "coverageThreshold", a.settlement_forms as "settlementForms",
             a.extra_conditions as "extraConditions"
        from compensation_agreements a
        join regions u on u.code = a.upstream_code
        join regions d on d.code = a.downstream_code
        join sections s on s.id = a.section_id
       order by a.id`),
  );
  if (agreements.length === 0) return { agreements: [], settlements: [] };

  const indicators = [...new Set(agreements.flatMap((a) => a.indicators))].filter((i) => INDICATOR_COLUMNS[i]);
  const firstYear = Math.min(year, ...agreements.map((a) => a.startYear - 3));
  const avgColumns = sql.join(
    indicators.map((i) => sql.raw(`avg(${INDICATOR_COLUMNS[i]})::float8 as "${i}"`)),
    sql`, `,
  );
  const sectionIds = [...new Set(agreements.map((a) => a.sectionId))];
  const yearly = rowsOf<YearMeanRow>(
    await db.execute(sql`
      select section_id as "sectionId", extract(year from time)::int as year, count(*)::int as count,
             ${avgColumns}
        from readings
       where valid and section_id in (${sql.join(sectionIds, sql`, `)})
         and time >= make_date(${firstYear}, 1, 1) and time < make_date(${year + 1}, 1, 1)
       group by section_id, year`),
  );
  const meansOf = (sectionId: number, y: number) => yearly.find((r) => r.sectionId === sectionId && r.year === y);

  const asOfYear = Number(asOf.slice(0, 4));
  const projected = year >= asOfYear;
  const expectedDays = year > asOfYear ? 0 : year === asOfYear ? dayOfYear(asOf) : isLeap(year) ? 366 : 365;

  const results = agreements.map((a): AgreementAssessment => {
    const pick = (row: YearMeanRow | undefined) =>
      Object.fromEntries(a.indicators.filter((i) => row?.[i] != null).map((i) => [i, Number(row?.[i])]));
    const baseline =
      a.baseline ??
      baselineFromAnnualMeans(
        [a.startYear - 3, a.startYear - 2, a.startYear - 1]
          .map((y) => pick(meansOf(a.sectionId, y)))
          .filter((m) => Object.keys(m).length > 0),
      );
    const row = meansOf(a.sectionId, year);
    const means = pick(row);
    const coverage = expectedDays > 0 ? Math.min(1, (row?.count ?? 0) / (expectedDays * READINGS_PER_DAY)) : 0;
    const complete = a.indicators.every((i) => means[i] != null && baseline[i] != null);
    const result: CompensationResult = complete
      ? assessCompensation({
          k0: a.k0,
          weights: a.weights,
          baseline,
          means,
          amount: a.amount,
          coverage,
          coverageThreshold: a.coverageThreshold,
          projected,
        })
      : { P: null, ratios: {}, direction: null, amount: 0, status: 'insufficient_data' };
    return {
      ...result,
      id: a.id,
      name: a.name,
      upstream: { code: a.upstreamCode, name: a.upstreamName },
      downstream: { code: a.downstreamCode, name: a.downstreamName },
      sectionId: a.sectionId,
      sectionName: a.sectionName,
      indicators: a.indicators,
      weights: a.weights,
      k0: a.k0,
      baseline,
      means,
      coverage,
      contractAmount: a.amount,
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
