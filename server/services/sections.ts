import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { type Bucket, bureauBucket, bureauDate, dayStart, onDays } from '../db/clock';
import { addDays, formatInstant } from '../domain/dates';
import { expectedInBucket } from '../domain/sampling';
import { classifyPeriod, classRank, type WaterBody, type WaterClass } from '../domain/water-quality';

export const MAX_RAW_POINTS = 20_000;

const indicatorFields = ['ph', 'do', 'codmn', 'nh3n', 'tp', 'tn', 'temperature', 'turbidity', 'conductivity'] as const;
type Indicators = Record<(typeof indicatorFields)[number], number | null>;

/**
 * Every section with its latest valid class and whether that meets the section's target; with
 * `asOf`, the latest reading up to the end of that bureau day (what the map and the KPI card show
 * for a past period).
 */
export async function listSections(db: Db, asOf: string | null = null) {
  const until = asOf ? sql`and time < ${dayStart(sql`${asOf}::date + 1`)}` : sql``;
  const rows = rowsOf<{
    id: number;
    code: string;
    name: string;
    riverName: string | null;
    countyCode: string | null;
    waterBody: WaterBody;
    targetClass: string;
    handover: boolean;
    upstreamCounty: string | null;
    downstreamCounty: string | null;
    lon: number;
    lat: number;
    latestTime: string | null;
    latestClass: WaterClass | null;
  }>(
    await db.execute(sql`
      select s.id, s.code, s.name, r.name as "riverName", s.county_code as "countyCode",
             s.water_body as "waterBody", s.target_class as "targetClass", s.handover,
             s.upstream_county as "upstreamCounty", s.downstream_county as "downstreamCounty",
             s.lon, s.lat, l.time as "latestTime", l.class as "latestClass"
        from sections s
        left join rivers r on r.id = s.river_id
        left join lateral (
          select time, class from readings
           where section_id = s.id and valid and class is not null ${until}
           order by time desc limit 1) l on true
       order by s.code`),
  );
  return rows.map(({ latestTime, latestClass, ...p }) => ({
    ...p,
    latest: latestTime ? { time: formatInstant(latestTime), class: latestClass } : null,
    meetsTarget: latestClass ? classRank(latestClass) <= classRank(p.targetClass as WaterClass) : null,
  }));
}

export type SectionSpan = { waterBody: WaterBody; samplingIntervalHours: number; last: string | null };

/** A section's water body, sampling interval and the date of its last reading; null when there is no such section. */
export async function sectionSpan(db: Db, id: number): Promise<SectionSpan | null> {
  const [section] = rowsOf<SectionSpan>(
    await db.execute(sql`
      select water_body as "waterBody", sampling_interval_hours::float8 as "samplingIntervalHours",
             (select ${bureauDate(sql`max(time)`)}::text from readings where section_id = ${id}) as last
        from sections where id = ${id}`),
  );
  return section ?? null;
}

export type SeriesInterval = 'raw' | Bucket;
/** Days a series shows when the request names no start: two weeks raw, a year of days, … */
const DEFAULT_SPAN_DAYS: Record<SeriesInterval, number> = { raw: 14, day: 365, month: 365 * 5, year: 365 * 10 };

/**
 * The bureau days a readings request covers: up to `to`, else the section's last reading, else
 * the data's as-of day; from `from`, else a span before that which suits the interval.
 */
export function seriesWindow(
  section: SectionSpan,
  interval: SeriesInterval,
  asked: { from?: string; to?: string },
  dataAsOf: string,
): { from: string; to: string } {
  const to = asked.to ?? section.last ?? dataAsOf;
  return { from: asked.from ?? addDays(to, -DEFAULT_SPAN_DAYS[interval]), to };
}

export type RawPoint = Indicators & { time: string; valid: boolean; class: string | null };

/**
 * Raw readings on bureau days `from` to `to` inclusive, at most MAX_RAW_POINTS + 1 so callers can
 * tell "too many".
 */
export async function rawReadings(db: Db, id: number, from: string, to: string): Promise<RawPoint[]> {
  const rows = rowsOf<RawPoint>(
    await db.execute(sql`
      select time, ph, "do", codmn, nh3n, tp, tn, temperature, turbidity, conductivity, valid, class
        from readings where section_id = ${id} and ${onDays(sql`time`, from, to)}
       order by time limit ${MAX_RAW_POINTS + 1}`),
  );
  return rows.map((r) => ({ ...r, time: formatInstant(r.time) }));
}

/**
 * Day, month or year means of valid readings (DESIGN: invalid readings are excluded, coverage
 * reported), each period classed by the water-quality rules. Coverage is valid readings ÷ the
 * readings owed at the section's sampling interval over the period's days inside [from, to] and
 * not after the data's as-of day (domain/sampling: the rule compensation uses).
 */
export async function periodMeans(
  db: Db,
  id: number,
  section: Pick<SectionSpan, 'waterBody' | 'samplingIntervalHours'>,
  interval: Bucket,
  from: string,
  to: string,
  dataAsOf: string,
) {
  const { waterBody } = section;
  const owedUntil = to < dataAsOf ? to : dataAsOf;
  const bucket = bureauBucket(sql`time`, interval);
  const rows = rowsOf<Indicators & { bucket: string; count: number }>(
    await db.execute(sql`
      select ${bucket} as bucket, count(*)::int as count,
             avg(ph)::float8 as ph, avg("do")::float8 as "do", avg(codmn)::float8 as codmn,
             avg(nh3n)::float8 as nh3n, avg(tp)::float8 as tp, avg(tn)::float8 as tn,
             avg(temperature)::float8 as temperature, avg(turbidity)::float8 as turbidity,
             avg(conductivity)::float8 as conductivity
        from readings
       where section_id = ${id} and ${onDays(sql`time`, from, to)} and valid
       group by bucket order by bucket`),
  );
  return rows.map((r) => {
    const expected = expectedInBucket(r.bucket, from, owedUntil, section.samplingIntervalHours);
    const period = classifyPeriod(
      [{ ph: r.ph, do: r.do, codmn: r.codmn, nh3n: r.nh3n, tp: r.tp, tn: r.tn }],
      waterBody,
    );
    const round = (v: number | null) => (v == null ? null : Math.round(v * 10_000) / 10_000);
    // Classed indicators show the mean as classed: rounded to its reporting precision.
    const reported = (k: 'ph' | 'do' | 'codmn' | 'nh3n' | 'tp' | 'tn') => period.means[k] ?? round(r[k]);
    return {
      time: r.bucket,
      ph: reported('ph'),
      do: reported('do'),
      codmn: reported('codmn'),
      nh3n: reported('nh3n'),
      tp: reported('tp'),
      tn: reported('tn'),
      temperature: round(r.temperature),
      turbidity: round(r.turbidity),
      conductivity: round(r.conductivity),
      class: period.class,
      count: r.count,
      coverage: expected > 0 ? Math.min(1, r.count / expected) : null,
    };
  });
}
