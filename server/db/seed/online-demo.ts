// Demo hourly monitoring data for outlets: a deterministic function of the seed. Concentrations
// follow a seasonal and a production-day shape with autocorrelated noise, flow follows the shifts
// (lower at night and on Sundays), data loggers flag the usual maintenance, calibration, fault and
// communication hours, and a few declared stops (F) shut an outlet for a day or more. On top of
// that a handful of each integrity pattern and some exceedance days are planted, so the flag
// engine and the three-colour code have something true to find.
import type { FlagKind, PollutantMeta } from '../../domain/online-integrity';
import { HOUR_MS } from '../../domain/online-integrity';
import { normal, shuffle } from '../../domain/random';
import { chance, clamp, type Rng, stageRng, uniform } from './rng';

export type DemoOutlet = { id: number; medium: 'water' | 'gas'; pollutants: PollutantMeta[] };

/** A row of online_hourly as the seed loads it (time as an ISO instant). */
export type DemoHour = {
  outletId: number;
  pollutant: string;
  time: string;
  avg: number | null;
  min: number | null;
  max: number | null;
  cou: number | null;
  flag: string;
};

export type Planted = {
  kind: FlagKind | 'exceedance';
  outletId: number;
  pollutant: string;
  from: number;
  hours: number;
};

export const FLOW_CODES = { water: 'w00000', gas: 'a00000' } as const;

/** Reporting decimals per HJ 212 code (what a data logger sends); others get 2. */
const DECIMALS: Record<string, number> = {
  w01018: 1,
  w21003: 3,
  w21011: 3,
  w21001: 2,
  w01001: 2,
  w00000: 2,
  a21026: 1,
  a21002: 1,
  a34013: 1,
  a00000: 0,
};
const FACTORS = new Map(Object.entries(DECIMALS).map(([code, d]) => [code, 10 ** d]));
export const roundFor = (code: string, v: number) => {
  const f = FACTORS.get(code) ?? 100;
  return Math.round(v * f) / f;
};

/** Patterns planted per kind, spread over different outlets where there are enough. */
const PLANTS_PER_KIND = 3;
const EXCEEDANCE_OUTLETS = 5;
const PLANT_KINDS: FlagKind[] = [
  'constant',
  'narrow_band',
  'detection_limit',
  'parked_under_limit',
  'gap',
  'zero_flow',
];

/**
 * Chooses where the patterns go, from the outlets' own pollutants. Spans lie in the last months of
 * [from, to) so that most are open flags on the demo's date; parked months need earlier baseline.
 */
export function planPatterns(outlets: DemoOutlet[], seed: number, from: number, to: number): Planted[] {
  const rng = stageRng(seed, 'online-patterns');
  const order = shuffle(rng, outlets);
  const out: Planted[] = [];
  const days = Math.floor((to - from) / 86_400_000);
  let next = 0;
  const pickOutlet = () => order[next++ % order.length];
  const concentration = (o: DemoOutlet, test: (p: PollutantMeta) => boolean) =>
    o.pollutants.find((p) => p.code !== FLOW_CODES[o.medium] && test(p));
  // A day boundary (Beijing midnight) k days before the end, then h hours into it.
  const at = (daysBack: number, hour = 0) => to - daysBack * 86_400_000 + hour * HOUR_MS;
  for (const kind of PLANT_KINDS) {
    for (let i = 0; i < PLANTS_PER_KIND && order.length; i++) {
      const o = pickOutlet();
      const back = Math.min(days - 200, Math.floor(uniform(rng, 20, 120)));
      if (kind === 'constant') {
        const p = concentration(o, () => true);
        if (p)
          out.push({
            kind,
            outletId: o.id,
            pollutant: p.code,
            from: at(back, 9),
            hours: Math.floor(uniform(rng, 30, 60)),
          });
      } else if (kind === 'narrow_band' || kind === 'detection_limit') {
        // A week and more within the band or at the detection limit: needs that instrument figure.
        const p = concentration(o, (q) => (kind === 'narrow_band' ? q.range : q.detectionLimit) != null);
        if (p)
          out.push({
            kind,
            outletId: o.id,
            pollutant: p.code,
            from: at(back),
            hours: 24 * Math.floor(uniform(rng, 8, 13)),
          });
      } else if (kind === 'parked_under_limit') {
        const p = concentration(o, (q) => q.limit != null);
        // A whole month, counted by the caller in the bureau's months: 31 days from a day boundary.
        if (p) out.push({ kind, outletId: o.id, pollutant: p.code, from: at(back + 31), hours: 31 * 24 });
      } else if (kind === 'gap') {
        out.push({ kind, outletId: o.id, pollutant: '*', from: at(back, 14), hours: Math.floor(uniform(rng, 30, 72)) });
      } else {
        out.push({
          kind,
          outletId: o.id,
          pollutant: FLOW_CODES[o.medium],
          from: at(back, 1),
          hours: Math.floor(uniform(rng, 4, 9)),
        });
      }
    }
  }
  for (let i = 0; i < EXCEEDANCE_OUTLETS && order.length; i++) {
    const o = pickOutlet();
    const p = concentration(o, (q) => q.limit != null);
    if (!p) continue;
    for (let d = Math.floor(uniform(rng, 1, 4)); d > 0; d--) {
      out.push({
        kind: 'exceedance',
        outletId: o.id,
        pollutant: p.code,
        from: at(Math.floor(uniform(rng, 3, 300))),
        hours: 24,
      });
    }
  }
  return out;
}

/** Beijing hour of day and day of week for an instant (the demo region keeps UTC+8). */
const BEIJING = 8 * HOUR_MS;
const hourOfDay = (t: number) => Math.floor((t + BEIJING) / HOUR_MS) % 24;
const dayOfWeek = (t: number) => (Math.floor((t + BEIJING) / 86_400_000) + 4) % 7; // 0 = Sunday

/** Production shape: day shift busier than the night, Sunday slower. */
function activity(t: number): number {
  const h = hourOfDay(t);
  const shift = h >= 8 && h < 20 ? 1 : h >= 6 && h < 22 ? 0.8 : 0.55;
  return shift * (dayOfWeek(t) === 0 ? 0.7 : 1);
}

/** Seasonal factor, highest in midwinter (heating, low water temperature slows treatment). */
const season = (t: number) => 1 + 0.15 * Math.cos((2 * Math.PI * ((t / 86_400_000 - 15) % 365.25)) / 365.25);

type Model = { code: string; base: number; meta: PollutantMeta; flow: boolean; state: number };

function models(o: DemoOutlet, rng: Rng): Model[] {
  const flowCode = FLOW_CODES[o.medium];
  return o.pollutants.map((meta) => {
    const flow = meta.code === flowCode;
    // Flow sits in the lower half of its meter's range, as a sized meter's does.
    const base = flow
      ? (meta.range ?? (o.medium === 'water' ? 1_000 : 200_000)) * uniform(rng, 0.15, 0.45)
      : meta.code === 'w01001'
        ? uniform(rng, 6.8, 7.6) // pH: neutral water
        : (meta.limit ?? meta.range ?? 10) * uniform(rng, 0.3, 0.55);
    return { code: meta.code, base, meta, flow, state: 0 };
  });
}

/** One outlet's hourly rows over [from, to), patterns included, in (pollutant, time) order. */
export function outletHours(o: DemoOutlet, planted: Planted[], seed: number, from: number, to: number): DemoHour[] {
  const rng = stageRng(seed, `online-outlet-${o.id}`);
  const ms = models(o, rng);
  const n = Math.floor((to - from) / HOUR_MS);
  // Outlet-wide logger states per hour: '' normal, or a flag every pollutant carries.
  const state: string[] = new Array(n).fill('');
  const mark = (start: number, len: number, flag: string) => {
    for (let i = Math.max(0, start); i < Math.min(n, start + len); i++) state[i] = flag;
  };
  const days = Math.floor(n / 24);
  for (let k = Math.floor(uniform(rng, 0, 3)); k > 0; k--)
    mark(Math.floor(uniform(rng, 0, days)) * 24, 24 * Math.floor(uniform(rng, 1, 4)), 'F');
  for (let k = Math.floor(uniform(rng, 4, 9)); k > 0; k--)
    mark(Math.floor(uniform(rng, 0, n)), Math.floor(uniform(rng, 2, 7)), 'M');
  for (let k = Math.floor(uniform(rng, 1, 4)); k > 0; k--)
    mark(Math.floor(uniform(rng, 0, n)), Math.floor(uniform(rng, 2, 12)), 'D');
  const mine = planted.filter((p) => p.outletId === o.id);
  const inSpan = (p: Planted, i: number) => i >= (p.from - from) / HOUR_MS && i < (p.from - from) / HOUR_MS + p.hours;
  // A planted pattern is what the logger reported, not broken up by the outlet's own events.
  const silent = new Uint8Array(n);
  for (const p of mine) {
    for (let i = 0; i < n; i++) {
      if (!inSpan(p, i)) continue;
      state[i] = '';
      if (p.kind === 'gap') silent[i] = 1;
    }
  }

  const times = Array.from({ length: n }, (_, i) => new Date(from + i * HOUR_MS).toISOString());
  const out: DemoHour[] = [];
  const flowValues = new Float64Array(n);
  // Flow first: concentrations' discharge amounts (Cou) need it.
  const ordered = [...ms].sort((a, b) => Number(b.flow) - Number(a.flow));
  for (const m of ordered) {
    const plants = mine.filter((p) => p.pollutant === m.code);
    const constantAt = new Map<Planted, number>();
    for (let i = 0; i < n; i++) {
      const t = from + i * HOUR_MS;
      if (silent[i]) continue;
      m.state = 0.8 * m.state + normal(rng, 0, 0.07);
      let flag = state[i] || 'N';
      if (flag === 'N') {
        const r = rng();
        if (r < 0.002) flag = 'C';
        else if (r < 0.003) flag = 'B';
      }
      let v: number;
      if (m.flow) {
        v = flag === 'F' ? 0 : m.base * activity(t) * Math.exp(m.state);
      } else {
        v = m.base * season(t) * (0.85 + 0.15 * activity(t)) * Math.exp(m.state);
        if (flag === 'F') v *= 0.3;
      }
      for (const p of plants) {
        if (!inSpan(p, i)) continue;
        const L = m.meta.limit ?? 1;
        if (p.kind === 'zero_flow') v = 0;
        else if (p.kind === 'constant') {
          if (!constantAt.has(p)) constantAt.set(p, roundFor(m.code, v));
          v = constantAt.get(p) as number;
          flag = 'N';
        } else if (p.kind === 'narrow_band') {
          if (!constantAt.has(p)) constantAt.set(p, v);
          v = (constantAt.get(p) as number) + (m.meta.range ?? L) * uniform(rng, -0.006, 0.006);
          flag = flag === 'F' ? 'N' : flag;
        } else if (p.kind === 'detection_limit') v = (m.meta.detectionLimit ?? 0) * uniform(rng, 0.8, 1.9);
        else if (p.kind === 'parked_under_limit' && chance(rng, 0.35)) v = L * uniform(rng, 0.9, 0.99);
        else if (p.kind === 'exceedance') v = L * uniform(rng, 1.25, 1.7);
      }
      v = clamp(roundFor(m.code, v), 0, m.meta.range ?? Number.POSITIVE_INFINITY);
      if (m.flow) flowValues[i] = v;
      const spread = m.flow ? 0.08 : 0.12;
      out.push({
        outletId: o.id,
        pollutant: m.code,
        time: times[i],
        avg: v,
        min: roundFor(m.code, v * (1 - spread * rng())),
        max: roundFor(m.code, Math.min(v * (1 + spread * rng()), m.meta.range ?? Number.POSITIVE_INFINITY)),
        // Discharge in the hour: m³ for flow (m³/h), kg for a concentration (mg/L × m³ / 1000; gas mg/m³ likewise).
        cou: m.flow ? roundFor(m.code, v) : Math.round(v * flowValues[i]) / 1000,
        flag,
      });
    }
  }
  return out;
}
