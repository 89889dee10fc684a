// The bureau's calendar in SQL. Sessions already run on the bureau's TimeZone (client.ts); these
// fragments say so explicitly, so that a query stays right on a connection that was set up some
// other way (psql, a pooler that drops startup options, a database whose own timezone differs).
import { type SQL, sql } from 'drizzle-orm';
import { BUREAU_TZ } from '../domain/dates';

// A literal rather than a parameter: grouping by a bucket expression must match it textually.
if (!/^[A-Za-z0-9_+\-/]+$/.test(BUREAU_TZ)) throw new RangeError(`BUREAU_TZ: unexpected name ${BUREAU_TZ}`);
const TZ = sql.raw(`'${BUREAU_TZ}'`);

/** The bureau's calendar date of a timestamptz. */
export const bureauDate = (instant: SQL) => sql`(${instant} at time zone ${TZ})::date`;

const BUCKET_FORMAT = { day: 'YYYY-MM-DD', month: 'YYYY-MM', year: 'YYYY' } as const;
export type Bucket = keyof typeof BUCKET_FORMAT;

/** The bureau-calendar day ('YYYY-MM-DD'), month ('YYYY-MM') or year ('YYYY') of a timestamptz, as text. */
export const bureauBucket = (instant: SQL, bucket: Bucket) =>
  sql`to_char(${instant} at time zone ${TZ}, ${sql.raw(`'${BUCKET_FORMAT[bucket]}'`)})`;

/** The bureau's calendar year of a timestamptz. */
export const bureauYear = (instant: SQL) => sql`extract(year from ${instant} at time zone ${TZ})::int`;

/** The instant a bureau day begins; `day` is anything that casts to date. */
export const dayStart = (day: SQL) => sql`((${day})::date::timestamp at time zone ${TZ})`;

/** `instant` lies on bureau days `from` … `to` (inclusive, 'YYYY-MM-DD'). */
export const onDays = (instant: SQL, from: string, to: string) =>
  sql`${instant} >= ${dayStart(sql`${from}`)} and ${instant} < ${dayStart(sql`${to}::date + 1`)}`;

/** `instant` lies in bureau calendar years `from` … `to` (inclusive). */
export const inYears = (instant: SQL, from: number, to: number) =>
  sql`${instant} >= ${dayStart(sql`make_date(${from}, 1, 1)`)} and ${instant} < ${dayStart(sql`make_date(${to + 1}, 1, 1)`)}`;
