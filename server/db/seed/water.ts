// Basin data: rivers, monitoring cross-sections (including the county hand-over sections of the
// 开化→常山→衢州市区→龙游 chain), 4-hourly automatic-station readings for five years, and the
// horizontal compensation agreements (Zhejiang 2018 opinion).
import type { InferInsertModel } from 'drizzle-orm';
import { addDays, addMonths } from '../../domain/dates';
import { normal } from '../../domain/random';
import { classifySample, type WaterBody } from '../../domain/water-quality';
import type { compensationAgreements, countyWaterUse, readings, rivers, sections } from '../schema';
import { loadRivers, type RiverFeature } from './geo-data';
import type { Geography } from './geography';
import { chance, clamp, type Rng, stageRng, uniform } from './rng';
import { distanceMetres, type LonLat, round5 } from './spatial';

type Profile = 'clean' | 'moderate' | 'urban';

type SectionSpec = {
  code: string;
  name: string;
  river: string;
  waterBody: WaterBody;
  targetClass: 'II' | 'III';
  profile: Profile;
  /** Either a point near the river (snapped onto it) or the hand-over between two counties. */
  near?: LonLat;
  handover?: { up: string; down: string };
  /** Deterioration: from `yearsBeforeAsOf` on, CODMn/NH3-N/TP grow by `perYear` (relative). */
  trend?: { yearsBeforeAsOf: number; perYear: number };
  /** Years of readings before asOf (default READINGS_YEARS); synthetic province sections keep three. */
  readingYears?: number;
};

const KAIHUA = '330824';
const CHANGSHAN = '330822';
const KECHENG = '330802';
const QUJIANG = '330803';
const LONGYOU = '330825';
const JIANGSHAN = '330881';

const SECTION_SPECS: SectionSpec[] = [
  {
    code: 'QZ-01',
    name: '马金溪齐溪断面',
    river: '常山港',
    waterBody: 'river',
    targetClass: 'II',
    profile: 'clean',
    near: [118.23, 29.34],
  },
  {
    code: 'QZ-02',
    name: '马金溪开化城关断面',
    river: '常山港',
    waterBody: 'river',
    targetClass: 'II',
    profile: 'clean',
    near: [118.41, 29.12],
  },
  {
    code: 'QZ-03',
    name: '开化—常山交接断面',
    river: '常山港',
    waterBody: 'river',
    targetClass: 'II',
    profile: 'moderate',
    handover: { up: KAIHUA, down: CHANGSHAN },
  },
  {
    code: 'QZ-04',
    name: '常山港天马断面',
    river: '常山港',
    waterBody: 'river',
    targetClass: 'II',
    profile: 'moderate',
    near: [118.53, 28.895],
  },
  {
    code: 'QZ-05',
    name: '常山—柯城交接断面',
    river: '常山港',
    waterBody: 'river',
    targetClass: 'III',
    profile: 'urban',
    handover: { up: CHANGSHAN, down: KECHENG },
    trend: { yearsBeforeAsOf: 1.2, perYear: 0.35 },
  },
  {
    code: 'QZ-06',
    name: '峡口水库',
    river: '江山港',
    waterBody: 'lake',
    targetClass: 'II',
    profile: 'clean',
    near: [118.62, 28.5],
  },
  {
    code: 'QZ-07',
    name: '江山港虎山断面',
    river: '江山港',
    waterBody: 'river',
    targetClass: 'III',
    profile: 'moderate',
    near: [118.63, 28.745],
  },
  {
    code: 'QZ-08',
    name: '江山—柯城交接断面',
    river: '江山港',
    waterBody: 'river',
    targetClass: 'III',
    profile: 'urban',
    handover: { up: JIANGSHAN, down: KECHENG },
  },
  {
    code: 'QZ-09',
    name: '衢江双港口断面',
    river: '衢江',
    waterBody: 'river',
    targetClass: 'III',
    profile: 'urban',
    near: [118.85, 28.937],
  },
  {
    code: 'QZ-10',
    name: '柯城—衢江交接断面',
    river: '衢江',
    waterBody: 'river',
    targetClass: 'III',
    profile: 'urban',
    handover: { up: KECHENG, down: QUJIANG },
  },
  {
    code: 'QZ-11',
    name: '湖南镇水库',
    river: '乌溪江',
    waterBody: 'lake',
    targetClass: 'II',
    profile: 'clean',
    near: [118.9, 28.73],
  },
  {
    code: 'QZ-12',
    name: '乌溪江黄坛口断面',
    river: '乌溪江',
    waterBody: 'river',
    targetClass: 'II',
    profile: 'clean',
    near: [118.95, 28.82],
  },
  {
    code: 'QZ-13',
    name: '衢江—龙游交接断面',
    river: '衢江',
    waterBody: 'river',
    targetClass: 'III',
    profile: 'urban',
    handover: { up: QUJIANG, down: LONGYOU },
    trend: { yearsBeforeAsOf: 2.5, perYear: 0.3 },
  },
  {
    code: 'QZ-14',
    name: '衢江龙游出境断面',
    river: '衢江',
    waterBody: 'river',
    targetClass: 'III',
    profile: 'urban',
    near: [119.28, 29.085],
    trend: { yearsBeforeAsOf: 2.5, perYear: 0.2 },
  },
];

/** Typical means (mg/L; µS/cm; NTU). Lakes hold less phosphorus than rivers. */
const PROFILES: Record<
  Profile,
  {
    codmn: number;
    nh3n: number;
    tp: number;
    tpLake: number;
    tn: number;
    doSat: number;
    turbidity: number;
    conductivity: number;
  }
> = {
  clean: { codmn: 1.5, nh3n: 0.12, tp: 0.03, tpLake: 0.014, tn: 0.7, doSat: 0.95, turbidity: 5, conductivity: 90 },
  moderate: { codmn: 2.0, nh3n: 0.2, tp: 0.05, tpLake: 0.02, tn: 1.0, doSat: 0.9, turbidity: 9, conductivity: 130 },
  urban: { codmn: 2.6, nh3n: 0.33, tp: 0.085, tpLake: 0.03, tn: 1.5, doSat: 0.84, turbidity: 14, conductivity: 200 },
};

export type SectionPlan = SectionSpec & {
  id: number;
  riverId: number;
  lon: number;
  lat: number;
  countyCode: string | null;
};

/** Points along a line every ~`step` metres, vertices included. */
function densify(line: LonLat[], step: number): LonLat[] {
  const out: LonLat[] = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    const n = Math.max(1, Math.ceil(distanceMetres(a, b) / step));
    for (let k = 1; k <= n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  return out;
}

export function planWater(geo: Geography): { rivers: (RiverFeature & { id: number })[]; sections: SectionPlan[] } {
  const riverList = loadRivers().map((r, i) => ({ ...r, id: i + 1 }));
  const byName = new Map(riverList.map((r) => [r.properties.name, r]));
  const sectionPlans = SECTION_SPECS.map((spec, i): SectionPlan => {
    const river = byName.get(spec.river);
    if (!river) throw new Error(`section ${spec.code}: unknown river ${spec.river}`);
    const samples = densify(river.geometry.coordinates as LonLat[], 100);
    let at: LonLat | undefined;
    if (spec.handover) {
      // The first sample in the downstream county right after one in the upstream county.
      const { up, down } = spec.handover;
      let previous: string | undefined;
      for (const p of samples) {
        const c = geo.countyIndex.find(p[0], p[1])?.code;
        if (c === down && previous === up) {
          at = p;
          break;
        }
        if (c) previous = c;
      }
      if (!at) throw new Error(`section ${spec.code}: ${spec.river} never flows from ${up} into ${down}`);
    } else {
      const target = spec.near as LonLat;
      at = samples.reduce((best, p) => (distanceMetres(p, target) < distanceMetres(best, target) ? p : best));
    }
    return {
      ...spec,
      id: i + 1,
      riverId: river.id,
      lon: round5(at[0]),
      lat: round5(at[1]),
      countyCode: geo.countyIndex.find(at[0], at[1])?.code ?? null,
    };
  });
  return { rivers: riverList, sections: sectionPlans };
}

export function riverRows(list: (RiverFeature & { id: number })[]): InferInsertModel<typeof rivers>[] {
  return list.map((r) => ({ id: r.id, name: r.properties.name, basin: r.properties.basin, geometry: r.geometry }));
}

export function sectionRows(list: SectionPlan[]): InferInsertModel<typeof sections>[] {
  return list.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    riverId: s.riverId,
    lon: s.lon,
    lat: s.lat,
    countyCode: s.countyCode,
    upstreamCounty: s.handover?.up ?? null,
    downstreamCounty: s.handover?.down ?? null,
    waterBody: s.waterBody,
    targetClass: s.targetClass,
    handover: Boolean(s.handover),
  }));
}

type ReadingRow = Omit<InferInsertModel<typeof readings>, 'id'>;

/** Dissolved-oxygen saturation in fresh water (mg/L) at temperature t °C (APHA polynomial). */
const doSaturation = (t: number) => 14.652 - 0.41022 * t + 0.007991 * t * t - 0.000077774 * t * t * t;

const dayOfYear = (day: string) => {
  const y = Number(day.slice(0, 4));
  return (Date.UTC(y, Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - Date.UTC(y, 0, 1)) / 86_400_000;
};

const r2 = (v: number) => Math.round(v * 100) / 100;
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Annual mean discharge (m³/s) of the river sections, growing downstream (衢江 at 龙游 ≈ 260);
 * reservoirs report none. Synthetic sections take SYNTHETIC_FLOW.
 */
const MEAN_FLOW: Record<string, number> = {
  'QZ-01': 6,
  'QZ-02': 30,
  'QZ-03': 68,
  'QZ-04': 85,
  'QZ-05': 95,
  'QZ-07': 55,
  'QZ-08': 65,
  'QZ-09': 170,
  'QZ-10': 180,
  'QZ-12': 45,
  'QZ-13': 240,
  'QZ-14': 260,
};
const SYNTHETIC_FLOW = 40;
/** The year before the as-of year is a basin-wide dry year (as 2022 was in Zhejiang). */
const DRY_YEAR_FACTOR = 0.58;

const READINGS_YEARS = 5;
const HOURS = [0, 4, 8, 12, 16, 20];

export function readingDays(asOf: string, years = READINGS_YEARS): string[] {
  const days: string[] = [];
  for (let d = addMonths(asOf, -12 * years); d <= asOf; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * Readings of one section, oldest first: seasonal cycle (warm summers with less oxygen and more
 * phosphorus; more ammonia in winter), a diurnal swing, autocorrelated noise, storm pulses in the
 * plum-rain season, station gaps, ~2 % invalid and ~1 % missing values, and the section's trend.
 */
export function* sectionReadings(
  plan: SectionPlan,
  days: string[],
  seed: number,
  chunkSize: number,
  /** Epoch ms: readings after this moment are not made (they would lie in the future). */
  until = Number.POSITIVE_INFINITY,
): Generator<ReadingRow[]> {
  const rng: Rng = stageRng(seed, `readings:${plan.code}`);
  const p = PROFILES[plan.profile];
  const lake = plan.waterBody === 'lake';
  // Each section's level differs a little from its profile.
  const level = { codmn: uniform(rng, 0.85, 1.15), nh3n: uniform(rng, 0.8, 1.2), tp: uniform(rng, 0.8, 1.2) };
  const noise = { codmn: 0, nh3n: 0, tp: 0, tn: 0, do: 0, temp: 0, turb: 0, ph: 0 };
  const ar = (prev: number) => 0.9 * prev + Math.sqrt(1 - 0.81) * normal(rng);
  let storm = 0;
  let gap = 0;
  const totalSteps = days.length * HOURS.length;
  const trendStartStep = plan.trend
    ? totalSteps - plan.trend.yearsBeforeAsOf * 365.25 * HOURS.length
    : Number.POSITIVE_INFINITY;
  let step = 0;
  let chunk: ReadingRow[] = [];
  // Flow has a random stream of its own, so adding it left every other value as it was.
  const flowRng: Rng = stageRng(seed, `flow:${plan.code}`);
  const baseFlow = lake ? null : (MEAN_FLOW[plan.code] ?? SYNTHETIC_FLOW);
  const dryYear = days.length > 0 ? Number(days[days.length - 1].slice(0, 4)) - 1 : 0;
  const yearFlow = new Map<number, number>();
  let flowNoise = 0;
  steps: for (const day of days) {
    const season = Math.sin((2 * Math.PI * (dayOfYear(day) - 105)) / 365.25);
    // Plum-rain peak in late May/June, low water in November–January.
    const flowSeason = Math.sin((2 * Math.PI * (dayOfYear(day) - 60)) / 365.25);
    const year = Number(day.slice(0, 4));
    if (!yearFlow.has(year)) yearFlow.set(year, year === dryYear ? DRY_YEAR_FACTOR : uniform(flowRng, 0.88, 1.15));
    const month = Number(day.slice(5, 7));
    for (const hour of HOURS) {
      step++;
      for (const k of Object.keys(noise) as (keyof typeof noise)[]) noise[k] = ar(noise[k]);
      flowNoise = 0.97 * flowNoise + Math.sqrt(1 - 0.97 ** 2) * normal(flowRng);
      storm *= 0.85;
      if (chance(rng, month === 6 || month === 7 ? 0.012 : 0.004)) storm = Math.max(storm, uniform(rng, 0.5, 1.5));
      if (gap > 0) {
        gap--;
        continue;
      }
      if (chance(rng, 0.0005)) {
        // Station maintenance or outage: one to three days without data.
        gap = 6 * (1 + Math.floor(rng() * 3));
        continue;
      }
      const trend =
        step > trendStartStep && plan.trend
          ? 1 + (plan.trend.perYear * (step - trendStartStep)) / (365.25 * HOURS.length)
          : 1;
      const diurnal = Math.sin((2 * Math.PI * (hour - 10)) / 24);
      const temperature = (lake ? 17 : 18) + (lake ? 9 : 10) * season + (lake ? 0.4 : 1.2) * diurnal + 0.6 * noise.temp;
      const sample = {
        ph: 7.35 + (lake ? 0.25 : 0) + 0.15 * season + 0.1 * diurnal + 0.12 * noise.ph,
        do: doSaturation(temperature) * (p.doSat - 0.08 * (trend - 1)) + 0.35 * diurnal + 0.25 * noise.do,
        codmn: p.codmn * level.codmn * (1 + 0.2 * season) * trend * Math.exp(0.15 * noise.codmn) * (1 + 0.5 * storm),
        nh3n: p.nh3n * level.nh3n * (1 - 0.25 * season) * trend * Math.exp(0.2 * noise.nh3n) * (1 + 0.3 * storm),
        tp:
          (lake ? p.tpLake : p.tp) *
          level.tp *
          (1 + 0.3 * season) *
          trend *
          Math.exp(0.2 * noise.tp) *
          (1 + (lake ? 0.3 : 1) * storm),
        tn: p.tn * (1 + 0.1 * season) * Math.sqrt(trend) * Math.exp(0.12 * noise.tn) * (1 + 0.2 * storm),
        temperature,
        turbidity: p.turbidity * (lake ? 0.5 : 1) * (1 + 0.2 * season) * Math.exp(0.3 * noise.turb) * (1 + 6 * storm),
        conductivity:
          p.conductivity * (1 - 0.1 * season) * Math.exp(0.05 * normal(rng)) * (1 - 0.3 * Math.min(1, storm)),
      };
      const time = `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
      if (Date.parse(time) > until) break steps;
      const row: ReadingRow = {
        sectionId: plan.id,
        time,
        ph: r2(clamp(sample.ph, 6.2, 8.9)),
        do: r2(Math.max(0.5, sample.do)),
        codmn: r2(sample.codmn),
        nh3n: r3(sample.nh3n),
        tp: r3(sample.tp),
        tn: r2(sample.tn),
        temperature: r1(temperature),
        turbidity: r1(sample.turbidity),
        conductivity: Math.round(sample.conductivity),
        flow:
          baseFlow === null
            ? null
            : r2(
                baseFlow *
                  (yearFlow.get(year) ?? 1) *
                  (1 + 0.55 * flowSeason) *
                  Math.exp(0.18 * flowNoise - 0.0162) *
                  (1 + 1.5 * storm),
              ),
        valid: true,
        class: null,
      };
      if (chance(rng, 0.02)) {
        // Sensor faults: flagged invalid by the station, values implausible.
        row.valid = false;
        const faulty = (['codmn', 'nh3n', 'tp', 'do'] as const)[Math.floor(rng() * 4)];
        row[faulty] = chance(rng, 0.5) ? 0 : r3((row[faulty] as number) * uniform(rng, 5, 20));
      }
      if (chance(rng, 0.01)) {
        const missing = (
          ['ph', 'do', 'codmn', 'nh3n', 'tp', 'tn', 'temperature', 'turbidity', 'conductivity'] as const
        )[Math.floor(rng() * 9)];
        row[missing] = null;
      }
      // Invalid readings are excluded from every evaluation, so they carry no class.
      if (row.valid) row.class = classifySample(row, plan.waterBody)?.class ?? null;
      chunk.push(row);
      if (chunk.length === chunkSize) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

export function countReadingSteps(days: string[]): number {
  return days.length * HOURS.length;
}

const EQUAL_THIRDS = { codmn: 0.3333333333333333, nh3n: 0.3333333333333333, tp: 0.3333333333333334 };

/** One agreement per hand-over section; amounts within the opinion's 5–10 million CNY band. */
export function agreementRows(
  list: SectionPlan[],
  geo: Geography,
  asOf: string,
  seed: number,
): InferInsertModel<typeof compensationAgreements>[] {
  const rng = stageRng(seed, 'agreements');
  const startYear = Number(asOf.slice(0, 4)) - 1;
  // 柯城 stands for 衢州市区 in agreements with other counties, but not with its fellow district 衢江.
  const countyName = (code: string, other: string) =>
    code === KECHENG && other !== QUJIANG ? '衢州市区' : (geo.countyByCode.get(code)?.name ?? code);
  return list
    .filter((s) => s.handover)
    .map((s) => {
      const { up, down } = s.handover as { up: string; down: string };
      const terms: Partial<InferInsertModel<typeof compensationAgreements>> = {};
      let forms = ['money'];
      if (up === KAIHUA) {
        // 交接断面年均流量 42.5 m³/s; 开化县用水总量 2.9 亿m³ and 万元GDP用水量 falling year on year.
        terms.minFlow = 42.5;
        terms.waterUseCap = 29_000;
        terms.waterUseEfficiency = true;
      }
      if (up === CHANGSHAN) forms = ['money', 'industry_transfer'];
      if (up === QUJIANG) forms = ['money', 'co_built_park'];
      // The first agreement of the chain carried the basin's name (美丽浙江 brief, 2018).
      const basin = up === KAIHUA ? '钱塘江（上游）' : s.river;
      return {
        name: `${basin}流域横向生态保护补偿协议（${countyName(up, down)}—${countyName(down, up)}）`,
        upstreamCode: up,
        downstreamCode: down,
        sectionId: s.id,
        indicators: ['codmn', 'nh3n', 'tp'],
        weights: { ...EQUAL_THIRDS },
        k0: 0.85,
        baseline: null,
        amount: Math.round(uniform(rng, 5_000_000, 8_000_000) / 100_000) * 100_000,
        targetClass: s.targetClass,
        startYear,
        endYear: startYear + 2,
        coverageThreshold: 0.75,
        ...terms,
        settlementForms: forms,
      };
    });
}

/** Total water use (万m³) and GDP (万元) of each county in the as-of year minus five. */
const WATER_USE_START: Record<string, { totalUse: number; gdp: number }> = {
  [KAIHUA]: { totalUse: 12_600, gdp: 1_500_000 },
  [CHANGSHAN]: { totalUse: 15_200, gdp: 1_650_000 },
  [KECHENG]: { totalUse: 16_400, gdp: 2_500_000 },
  [QUJIANG]: { totalUse: 22_300, gdp: 2_300_000 },
  [LONGYOU]: { totalUse: 20_100, gdp: 2_700_000 },
  [JIANGSHAN]: { totalUse: 24_500, gdp: 3_200_000 },
};

/**
 * Each county's annual water statistics for the five years before the as-of year (a year's
 * figures are published after it ends): GDP at comparable prices grows 5–8 %, water use moves
 * −3 … +2 %, so use per 10,000 CNY of GDP falls most years.
 */
export function countyWaterUseRows(asOf: string, seed: number): InferInsertModel<typeof countyWaterUse>[] {
  const rng = stageRng(seed, 'water-use');
  const first = Number(asOf.slice(0, 4)) - 5;
  return Object.entries(WATER_USE_START).flatMap(([countyCode, start]) => {
    let { totalUse, gdp } = start;
    return Array.from({ length: 5 }, (_, i) => {
      if (i > 0) {
        gdp *= uniform(rng, 1.05, 1.08);
        totalUse *= uniform(rng, 0.97, 1.02);
      }
      return { countyCode, year: first + i, totalUse: Math.round(totalUse), gdp: Math.round(gdp) };
    });
  });
}

const SYNTHETIC_PROFILES: Profile[] = ['clean', 'clean', 'moderate', 'moderate', 'moderate', 'urban'];

/**
 * Province scale: extra automatic stations spread evenly along the traced rivers (synthetic,
 * clearly named 监测点), three years of readings each, never hand-over sections (no agreements).
 */
export function syntheticSections(
  geo: Geography,
  riverList: (RiverFeature & { id: number })[],
  count: number,
  firstId: number,
  seed: number,
): SectionPlan[] {
  if (count <= 0) return [];
  const rng = stageRng(seed, 'synthetic-sections');
  const samples = riverList.flatMap((r) =>
    densify(r.geometry.coordinates as LonLat[], 100).map((p, i) => ({ river: r, p, i })),
  );
  const out: SectionPlan[] = [];
  for (let k = 0; k < count; k++) {
    const s = samples[Math.min(samples.length - 1, Math.floor(((k + 0.5) * samples.length) / count))];
    const profile = SYNTHETIC_PROFILES[Math.floor(rng() * SYNTHETIC_PROFILES.length)];
    const code = `QZ-S${String(k + 1).padStart(3, '0')}`;
    out.push({
      code,
      name: `${s.river.properties.name}${k + 1}号监测点（模拟）`,
      river: s.river.properties.name,
      waterBody: 'river',
      targetClass: profile === 'clean' ? 'II' : 'III',
      profile,
      near: s.p,
      readingYears: 3,
      id: firstId + k,
      riverId: s.river.id,
      lon: round5(s.p[0]),
      lat: round5(s.p[1]),
      countyCode: geo.countyIndex.find(s.p[0], s.p[1])?.code ?? null,
    });
  }
  return out;
}
