// Deterministic demo data for 衢州市: the same seed and asOf always give the same rows. Every
// random draw comes from a seeded stream (./rng); the wall clock never reaches a row.
import { sql } from 'drizzle-orm';
import { CODE_CHUNK, checkHistoryDates } from '../../domain/code-evaluation';
import { addMonths } from '../../domain/dates';
import { type Db, rowsOf } from '../client';
import {
  appMeta,
  codeAssessments,
  compensationAgreements,
  complaints,
  countyWaterUse,
  damageCompensations,
  enterprises,
  findings,
  grids,
  industries,
  inspections,
  insurancePolicies,
  onlineExceedances,
  parks,
  readings,
  regions,
  rivers,
  sections,
  violationCases,
} from '../schema';
import { bulkInsert, syncSerial } from './bulk-insert';
import { withBulkLoad } from './bulk-load';
import { seedCodes } from './codes';
import { enterpriseContext, generateEnterprises } from './enterprises';
import { FactGenerator, IdCounters } from './facts';
import { buildGeography, gridRows, regionRows } from './geography';
import { INDUSTRIES } from './industries';
import { DEMO_ONLINE_OUTLETS, loadOnlineDemo, planOnlineDemo } from './online-load';
import { seedOutlets } from './outlets';
import { buildParks, parkRows } from './parks';
import {
  agreementRows,
  countReadingSteps,
  countyWaterUseRows,
  planWater,
  readingDays,
  riverRows,
  sectionReadings,
  sectionRows,
  syntheticSections,
} from './water';

export type SeedScale = 'city' | 'province' | number;

export type SeedOptions = {
  scale: SeedScale;
  seed: number;
  /** YYYY-MM-DD: facts cover the three years, readings the five years, before it. */
  asOf: string;
  /**
   * The moment the demo is made (default: now). No reading lies after it, so an asOf of today
   * stops at the current hour instead of showing the evening's readings at noon.
   */
  now?: Date;
  /** Outlets given a year of hourly monitoring values (default DEMO_ONLINE_OUTLETS; 0: none). */
  onlineOutlets?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
};

export type SeedSummary = {
  seed: number;
  scale: SeedScale;
  asOf: string;
  enterprises: number;
  counts: Record<string, number>;
  colours: { green: number; yellow: number; red: number };
  elapsedMs: number;
};

export const DATA_VERSION = '1';
const SCALES = { city: 6_000, province: 1_000_000 } as const;
const ENTERPRISE_CHUNK = 20_000;
// Seeded history is numbered as backfillCodeHistory would number it only on aligned chunks.
if (ENTERPRISE_CHUNK % CODE_CHUNK !== 0) throw new Error('ENTERPRISE_CHUNK must be a multiple of CODE_CHUNK');
const READING_CHUNK = 10_000;
/** Province scale: the named sections plus synthetic stations along the rivers, 300 in all. */
const PROVINCE_SECTIONS = 300;

export function enterpriseCount(scale: SeedScale): number {
  if (typeof scale === 'number') {
    if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be a positive integer, got ${scale}`);
    return scale;
  }
  if (!(scale in SCALES)) throw new RangeError(`unknown scale: ${String(scale)}`);
  return SCALES[scale];
}

/** Quarter ends strictly inside the two years before asOf: the dates code history is back-filled for. */
export function historyDates(asOf: string): string[] {
  const from = addMonths(asOf, -24);
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(asOf.slice(0, 4)); y++) {
    for (const md of ['03-31', '06-30', '09-30', '12-31']) {
      const d = `${y}-${md}`;
      if (d > from && d < asOf) out.push(d);
    }
  }
  return out;
}

/** The dates the seed evaluates codes on: the history dates, then asOf, which sets the current code. */
export function codeDates(asOf: string): string[] {
  return [...historyDates(asOf), asOf];
}

/** History is stamped with its own date, keeping the rows free of the wall clock. */
export const codeEvaluatedAt = (date: string): string => `${date}T20:00:00+08:00`;

/** Fills an empty, migrated database. */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { seed, asOf } = opts;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  const total = enterpriseCount(opts.scale);
  const progress = opts.onProgress ?? (() => {});
  const counts: Record<string, number> = {};
  const add = (table: string, n: number) => {
    counts[table] = (counts[table] ?? 0) + n;
  };

  progress('geography', 0, 1);
  const geo = buildGeography();
  const parkList = buildParks(geo);
  add('regions', await bulkInsert(db, regions, regionRows(geo)));
  add('grids', await bulkInsert(db, grids, gridRows(geo, seed)));
  add('industries', await bulkInsert(db, industries, INDUSTRIES));
  add('parks', await bulkInsert(db, parks, parkRows(parkList)));
  progress('geography', 1, 1);

  const water = planWater(geo);
  if (opts.scale === 'province') {
    const extra = PROVINCE_SECTIONS - water.sections.length;
    water.sections.push(...syntheticSections(geo, water.rivers, extra, water.sections.length + 1, seed));
  }
  const days = readingDays(asOf);
  const until = (opts.now ?? new Date()).getTime();
  const daysOf = (plan: { readingYears?: number }) => (plan.readingYears ? readingDays(asOf, plan.readingYears) : days);
  const bulkTables = [
    enterprises,
    codeAssessments,
    inspections,
    findings,
    complaints,
    violationCases,
    damageCompensations,
    insurancePolicies,
    onlineExceedances,
    readings,
  ];
  const onRebuild = (done: number, total: number) => progress('indexes', done, total);
  let assessments = 0;
  await withBulkLoad(db, bulkTables, { onRebuild }, async (tx) => {
    const ctx = enterpriseContext(geo, parkList, seed);
    const ids = new IdCounters();
    const facts = new FactGenerator(seed, asOf, ids);
    const dates = codeDates(asOf);
    checkHistoryDates(dates);
    let assessmentId = 0;
    let done = 0;
    progress('enterprises', 0, total);
    for (const drafts of generateEnterprises(ctx, total, seed, asOf, ENTERPRISE_CHUNK)) {
      const rows = drafts.map((d) => d.row);
      const f = facts.generate(drafts);
      // Codes straight from the generated facts (what backfillCodeHistory would compute from the
      // stored ones) set the rows' current code before they are inserted.
      const history = seedCodes(rows, f, dates, codeEvaluatedAt, () => ++assessmentId);
      add('enterprises', await bulkInsert(tx, enterprises, rows));
      // Parents before children: findings reference inspections, compensations reference cases.
      add('inspections', await bulkInsert(tx, inspections, f.inspections));
      add('findings', await bulkInsert(tx, findings, f.findings));
      add('complaints', await bulkInsert(tx, complaints, f.complaints));
      add('violation_cases', await bulkInsert(tx, violationCases, f.cases));
      add('damage_compensations', await bulkInsert(tx, damageCompensations, f.damage));
      add('insurance_policies', await bulkInsert(tx, insurancePolicies, f.insurance));
      add('online_exceedances', await bulkInsert(tx, onlineExceedances, f.exceedances));
      assessments += await bulkInsert(tx, codeAssessments, history);
      done += drafts.length;
      progress('enterprises', done, total);
    }
    await renumberCases(tx);
    for (const t of [
      grids,
      parks,
      enterprises,
      inspections,
      findings,
      complaints,
      violationCases,
      damageCompensations,
      insurancePolicies,
      onlineExceedances,
      codeAssessments,
    ]) {
      await syncSerial(tx, t);
    }

    add('rivers', await bulkInsert(tx, rivers, riverRows(water.rivers)));
    add('sections', await bulkInsert(tx, sections, sectionRows(water.sections)));
    await syncSerial(tx, rivers);
    await syncSerial(tx, sections);
    const readingTotal = water.sections.reduce((n, plan) => n + countReadingSteps(daysOf(plan)), 0);
    let readingDone = 0;
    progress('readings', 0, readingTotal);
    for (const plan of water.sections) {
      let steps = 0;
      const planDays = daysOf(plan);
      for (const chunk of sectionReadings(plan, planDays, seed, READING_CHUNK, until)) {
        add('readings', await bulkInsert(tx, readings, chunk, { rowsPerStatement: READING_CHUNK }));
        steps += chunk.length;
        progress('readings', readingDone + steps, readingTotal);
      }
      // Gaps leave fewer rows than steps; progress still ends at the planned total.
      readingDone += countReadingSteps(planDays);
      progress('readings', readingDone, readingTotal);
    }
  });
  const outletCounts = await seedOutlets(db, seed);
  add('outlets', outletCounts.outlets);
  add('outlet_pollutants', outletCounts.pollutants);
  const onlinePlan = await planOnlineDemo(db, {
    seed,
    asOf,
    now: new Date(until),
    outlets: opts.onlineOutlets ?? DEMO_ONLINE_OUTLETS,
  });
  const online = await loadOnlineDemo(db, onlinePlan, {
    seed,
    onProgress: (done, total) => progress('online', done, total),
  });
  add('online_hourly', online.hourly);
  add('online_flags', online.flags);
  const agreements = agreementRows(water.sections, geo, asOf, seed);
  await db.insert(compensationAgreements).values(agreements);
  add('compensation_agreements', agreements.length);
  const waterUse = countyWaterUseRows(asOf, seed);
  await db.insert(countyWaterUse).values(waterUse);
  add('county_water_use', waterUse.length);
  add('code_assessments', assessments);

  const meta: Record<string, string> = {
    dataVersion: DATA_VERSION,
    demo: 'true',
    seed: String(seed),
    scale: String(opts.scale),
    asOf,
  };
  for (const [key, value] of Object.entries(meta)) {
    await db.insert(appMeta).values({ key, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } });
  }

  const colours = { green: 0, yellow: 0, red: 0 };
  for (const r of rowsOf<{ colour: keyof typeof colours; n: number }>(
    await db.execute(sql`select colour, count(*)::int as n from enterprises group by colour`),
  )) {
    colours[r.colour] = Number(r.n);
  }
  return { seed, scale: opts.scale, asOf, enterprises: total, counts, colours, elapsedMs: performance.now() - started };
}

/** Case numbers in filing order per year, as a registry would issue them: 衢环罚〔2025〕17号. */
async function renumberCases(db: Db): Promise<void> {
  await db.execute(sql`
    update violation_cases v
       set case_no = '衢环罚〔' || s.y || '〕' || s.n || '号'
      from (select id, extract(year from filed)::int as y,
                   row_number() over (partition by extract(year from filed) order by filed, id) as n
              from violation_cases) s
     where v.id = s.id`);
}
