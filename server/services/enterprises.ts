import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  complaints,
  damageCompensations,
  enterprises,
  findings,
  industries,
  inspections,
  insurancePolicies,
  parks,
  regions,
  violationCases,
} from '../db/schema';
import { damageState } from '../domain/damage-compensation';
import { BUREAU_TZ } from '../domain/dates';
import { findingState } from '../domain/findings';
import { dataAsOf } from './as-of';
import { codeAt } from './code-colours';
import { openSince } from './online/flags';
import { freeTurn, type Turn } from './turn';

type Colour = 'green' | 'yellow' | 'red';

/** The shared enterprise filter of the list, the exports and the map. */
export type EnterpriseFilter = {
  county?: string;
  town?: string;
  park?: number;
  industry?: string;
  colour?: Colour;
  keyPollutant?: boolean;
  insured?: boolean;
  /**
   * 监测数据异常: with (true) or without (false) integrity flags whose span ends after
   * `anomalySince` (see withAnomalySince).
   */
  anomaly?: boolean;
  anomalySince?: string;
  q?: string;
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /** Read colour and score from the code history as they stood on this day, not the current code. */
  codesAsOf?: string;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** SQL conditions for the shared enterprise filter (used by the list, exports and stats). */
export function enterpriseWhere(f: EnterpriseFilter, colours?: Colour[]): SQL | undefined {
  const e = enterprises;
  const colour = codeAt(f.codesAsOf).colour;
  const conds: (SQL | undefined)[] = [
    f.county ? eq(e.countyCode, f.county) : undefined,
    f.town ? eq(e.townCode, f.town) : undefined,
    f.park ? eq(e.parkId, f.park) : undefined,
    // An industry code matches itself and every code below it in the GB/T 4754 tree.
    f.industry ? sql`${e.industryCode} like ${`${f.industry}%`}` : undefined,
    f.colour ? eq(colour, f.colour) : undefined,
    colours ? inArray(colour, colours) : undefined,
    f.keyPollutant === undefined ? undefined : eq(e.keyPollutant, f.keyPollutant),
    f.insured === undefined ? undefined : eq(e.insured, f.insured),
    f.anomaly === undefined || f.anomalySince === undefined
      ? undefined
      : f.anomaly
        ? sql`${e.id} in (select enterprise_id from online_flags where "to" > ${f.anomalySince})`
        : sql`${e.id} not in (select enterprise_id from online_flags where "to" > ${f.anomalySince})`,
    f.q
      ? or(
          ilike(e.name, `%${escapeLike(f.q)}%`),
          ilike(e.uscc, `${escapeLike(f.q)}%`),
          ilike(e.address, `%${escapeLike(f.q)}%`),
        )
      : undefined,
    f.bbox
      ? sql`${e.lon} between ${f.bbox.minLon} and ${f.bbox.maxLon} and ${e.lat} between ${f.bbox.minLat} and ${f.bbox.maxLat}`
      : undefined,
  ];
  return and(...conds.filter((x): x is SQL => x !== undefined));
}

const itemColumns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  name: enterprises.name,
  address: enterprises.address,
  lon: enterprises.lon,
  lat: enterprises.lat,
  countyCode: enterprises.countyCode,
  townCode: enterprises.townCode,
  parkId: enterprises.parkId,
  industryCode: enterprises.industryCode,
  colour: enterprises.colour,
  score: enterprises.score,
  keyPollutant: enterprises.keyPollutant,
  insured: enterprises.insured,
};

const sortOrder = (score: SQL<number>) => ({
  id: [asc(enterprises.id)],
  name: [asc(enterprises.name), asc(enterprises.id)],
  score: [asc(score), asc(enterprises.id)],
  '-score': [desc(score), asc(enterprises.id)],
});

/** Fills in when flags count as open for the anomaly filter (the same cut-off as the map's). */
export async function withAnomalySince<F extends EnterpriseFilter>(db: Db, f: F): Promise<F> {
  return f.anomaly === undefined ? f : { ...f, anomalySince: await openSince(db, BUREAU_TZ) };
}

export async function countEnterprises(db: Db, where: SQL | undefined): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(enterprises).where(where);
  return Number(n);
}

export async function listEnterprises(
  db: Db,
  filter: EnterpriseFilter,
  page: { limit: number; offset: number; sort: keyof ReturnType<typeof sortOrder> },
  turn: Turn = freeTurn,
) {
  const where = enterpriseWhere(filter);
  const code = codeAt(filter.codesAsOf);
  // A turn per query: whoever waits behind an anonymous page waits for one query, not two.
  const total = await turn(() => countEnterprises(db, where));
  const items = await turn(() =>
    db
      .select({ ...itemColumns, colour: code.colour, score: code.score })
      .from(enterprises)
      .where(where)
      .orderBy(...sortOrder(code.score)[page.sort])
      .limit(page.limit)
      .offset(page.offset),
  );
  return { total, items };
}

/**
 * An enterprise with its cases, findings, complaints, inspections and policies, private fields
 * included (the route strips them for the public); null when there is no such enterprise.
 */
export async function enterpriseDetail(db: Db, id: number) {
  const county = regions;
  const [row] = await db
    .select({
      ...itemColumns,
      status: enterprises.status,
      codeEvaluatedAt: enterprises.codeEvaluatedAt,
      contactName: enterprises.contactName,
      contactPhone: enterprises.contactPhone,
      countyName: county.name,
      townName: sql<string | null>`(select name from regions t where t.code = ${enterprises.townCode})`,
      parkName: parks.name,
      industryName: industries.name,
    })
    .from(enterprises)
    .innerJoin(county, eq(county.code, enterprises.countyCode))
    .innerJoin(industries, eq(industries.code, enterprises.industryCode))
    .leftJoin(parks, eq(parks.id, enterprises.parkId))
    .where(eq(enterprises.id, id));
  if (!row) return null;
  // Findings are stated as of the code's assessment, so the list and the score agree.
  const asOf = row.codeEvaluatedAt ?? (await dataAsOf(db));
  const [caseRows, findingRows, complaintRows, inspectionRows, policyRows, damageRows] = await Promise.all([
    db
      .select({
        id: violationCases.id,
        caseNo: violationCases.caseNo,
        filed: violationCases.filed,
        medium: violationCases.medium,
        severity: violationCases.severity,
        penalty: violationCases.penalty,
        status: violationCases.status,
      })
      .from(violationCases)
      .where(eq(violationCases.enterpriseId, id))
      .orderBy(desc(violationCases.filed)),
    db.select().from(findings).where(eq(findings.enterpriseId, id)).orderBy(desc(findings.found)),
    db
      .select({
        id: complaints.id,
        channel: complaints.channel,
        received: complaints.received,
        summary: complaints.summary,
        verified: complaints.verified,
      })
      .from(complaints)
      .where(eq(complaints.enterpriseId, id))
      .orderBy(desc(complaints.received)),
    db
      .select({
        id: inspections.id,
        date: inspections.date,
        type: inspections.type,
        result: inspections.result,
      })
      .from(inspections)
      .where(eq(inspections.enterpriseId, id))
      .orderBy(desc(inspections.date)),
    db
      .select()
      .from(insurancePolicies)
      .where(eq(insurancePolicies.enterpriseId, id))
      .orderBy(desc(insurancePolicies.end)),
    db
      .select({
        id: damageCompensations.id,
        caseId: damageCompensations.caseId,
        caseNo: violationCases.caseNo,
        amount: damageCompensations.amount,
        method: damageCompensations.method,
        agreed: damageCompensations.agreed,
        paid: damageCompensations.paid,
        paidDate: damageCompensations.paidDate,
      })
      .from(damageCompensations)
      .innerJoin(violationCases, eq(violationCases.id, damageCompensations.caseId))
      .where(eq(violationCases.enterpriseId, id))
      .orderBy(desc(damageCompensations.agreed), desc(damageCompensations.id)),
  ]);
  const { contactName, contactPhone, parkName, industryName, ...base } = row;
  return {
    ...base,
    park: base.parkId && parkName ? { id: base.parkId, name: parkName } : null,
    industry: { code: base.industryCode, name: industryName },
    contact: { name: contactName, phone: contactPhone },
    cases: caseRows,
    findings: findingRows.map((f) => ({
      id: f.id,
      source: f.source,
      description: f.description,
      found: f.found,
      deadline: f.deadline,
      rectified: f.rectified,
      state: findingState(f, asOf),
    })),
    complaints: complaintRows,
    inspections: inspectionRows,
    insurance: policyRows.map((p) => ({
      id: p.id,
      insurer: p.insurer,
      stewardOrg: p.stewardOrg,
      start: p.start,
      end: p.end,
      subsidyRate: p.subsidyRate,
      riskLevel: p.riskLevel,
      premium: p.premium,
      subsidyPayer: p.subsidyPayer,
      subsidyAmount: Math.round(p.premium * p.subsidyRate * 100) / 100,
    })),
    // Stated as of the code's assessment, like the findings: "unpaid" is what made it red.
    damageCompensations: damageRows.map(({ paid, ...d }) => ({
      ...d,
      paidAmount: paid ? d.amount : 0,
      state: damageState({ ...d, paid }, asOf),
    })),
  };
}
