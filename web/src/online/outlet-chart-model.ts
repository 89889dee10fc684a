/**
 * An outlet's hourly series laid out for its chart: valid values as a line (broken at missing
 * and invalid hours), invalid hours (data flag ≠ N) as grey spans with their flags, and the
 * integrity flags' spans. Times go on the chart as the bureau's wall clock (the offset each ISO
 * string carries, with ECharts in UTC mode), so the axis reads Beijing time on any computer.
 */
import { addDays } from '../../../server/domain/dates';

export const HOUR_MS = 3_600_000;
/** The series endpoint's limit for hourly data. */
export const MAX_HOURLY_DAYS = 92;
export const DEFAULT_DAYS = 30;

export type ChartPoint = { time: string; pollutant: string; value: number | null; flag: string; valid: boolean };
export type ChartFlag = { id: number; kind: string; pollutant: string; from: string; to: string };
export type Span = { from: number; to: number };
export type InvalidSpan = Span & { flags: string };
export type FlagSpan = Span & { id: number; kind: string };

/** Epoch ms of an ISO instant's own wall clock read as UTC: "2026-06-01T08:00:00+08:00" → 08:00Z. */
export function wallClock(iso: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return Date.parse(iso) + offset * 60_000;
}

/** "2026-06-01 08:00" from a wall-clock time (see wallClock). */
export const wallText = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export type SeriesModel = {
  /** [time, value]; null breaks the line at a missing or invalid hour. */
  line: [number, number | null][];
  /** Invalid hours that still carry a value, drawn as grey dots: [time, value, flag]. */
  invalid: [number, number, string][];
  invalidSpans: InvalidSpan[];
  flagSpans: FlagSpan[];
  validHours: number;
  invalidHours: number;
  max: number;
  latest: { time: number; value: number } | null;
};

export function seriesModel(points: ChartPoint[], pollutant: string, flags: ChartFlag[] = []): SeriesModel {
  const mine = points
    .filter((p) => p.pollutant === pollutant)
    .map((p) => ({ ...p, t: wallClock(p.time) }))
    .sort((a, b) => a.t - b.t);
  const line: [number, number | null][] = [];
  const invalid: [number, number, string][] = [];
  const invalidSpans: InvalidSpan[] = [];
  let validHours = 0;
  let max = 0;
  let latest: SeriesModel['latest'] = null;
  let prev = Number.NEGATIVE_INFINITY;
  for (const p of mine) {
    if (p.t - prev > HOUR_MS && line.length) line.push([prev + HOUR_MS, null]);
    prev = p.t;
    if (p.valid && p.value !== null) {
      line.push([p.t, p.value]);
      validHours++;
      max = Math.max(max, p.value);
      latest = { time: p.t, value: p.value };
      continue;
    }
    line.push([p.t, null]);
    if (p.value !== null) {
      invalid.push([p.t, p.value, p.flag]);
      max = Math.max(max, p.value);
    }
    const last = invalidSpans[invalidSpans.length - 1];
    if (last && last.to === p.t) {
      last.to = p.t + HOUR_MS;
      if (!last.flags.includes(p.flag)) last.flags += p.flag;
    } else invalidSpans.push({ from: p.t, to: p.t + HOUR_MS, flags: p.flag });
  }
  const flagSpans = flags
    .filter((f) => f.pollutant === pollutant)
    .map((f) => ({ id: f.id, kind: f.kind, from: wallClock(f.from), to: wallClock(f.to) }))
    .sort((a, b) => a.from - b.from);
  return {
    line,
    invalid,
    invalidSpans,
    flagSpans,
    validHours,
    invalidHours: mine.length - validHours,
    max,
    latest,
  };
}

export type DayWindow = { from: string; to: string };

/** The last `days` days of data, ending on the data date. */
export const defaultWindow = (asOf: string, days = DEFAULT_DAYS): DayWindow => ({
  from: addDays(asOf, -(days - 1)),
  to: asOf,
});

/**
 * A flag's span with a few days either side, never past the data date `asOf`, within what one
 * request may ask for.
 */
export function flagWindow(flag: { from: string; to: string }, asOf: string | null = null, padDays = 3): DayWindow {
  const first = new Date(wallClock(flag.from)).toISOString().slice(0, 10);
  const last = new Date(wallClock(flag.to) - 1).toISOString().slice(0, 10);
  const padded = addDays(last, padDays);
  const to = asOf !== null && asOf < padded ? (asOf < last ? last : asOf) : padded;
  const from = addDays(first, -padDays);
  const earliest = addDays(to, -(MAX_HOURLY_DAYS - 1));
  return { from: from < earliest ? earliest : from, to };
}

/** A day window as wall-clock ms: [its first day's 00:00, the day after its last day's 00:00). */
export const windowBounds = (w: DayWindow): Span => ({
  from: Date.parse(`${w.from}T00:00:00Z`),
  to: Date.parse(`${w.to}T00:00:00Z`) + 24 * HOUR_MS,
});

/** The y axis's top: the data or the limit line, whichever is higher, with headroom. */
export function axisTop(max: number, limit: number | null): number {
  const top = Math.max(max, limit ?? 0) * 1.12;
  if (top <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(top));
  return Math.ceil(top / (step / 2)) * (step / 2);
}
