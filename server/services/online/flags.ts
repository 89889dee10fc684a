// Integrity flags in the database: run domain/online-integrity over an outlet's hourly values and
// keep online_flags in step, incrementally. After data for an outlet arrives from time T, the
// outlet's window is recomputed from the start of T's month minus the parked-under-limit
// baseline months up to its latest hour; computed flags that reach past the cut-off are upserted
// by (outlet, pollutant, kind, from) and stored ones starting after it that were not found again
// are deleted. Data before the cut-off has not changed, so flags wholly before it stay as they are.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { onlineFlags, outletPollutants, outlets } from '../../db/schema';
import { addDays, formatInstant, startOfDay, toInstant } from '../../domain/dates';
import {
  addMonthKey,
  computeFlags,
  DEFAULT_INTEGRITY_RULES,
  FLAG_KINDS,
  type FlagKind,
  HOUR_MS,
  type HourValue,
  type IntegrityFlag,
  type IntegrityRules,
  monthOf,
  monthStart as monthStartOf,
  type PollutantMeta,
} from '../../domain/online-integrity';
import { isValidFlag } from '../../domain/online-validity';
import { dataAsOf } from '../as-of';

export type FlagOptions = { tz: string; rules?: IntegrityRules };

export type OutletInfo = { id: number; enterpriseId: number; medium: 'water' | 'gas'; pollutants: PollutantMeta[] };

const FLOW = { water: 'w00000', gas: 'a00000' } as const;

async function outletInfo(db: Db, ids: number[]): Promise<OutletInfo[]> {
  if (ids.length === 0) return [];
  const base = await db
    .select({ id: outlets.id, enterpriseId: outlets.enterpriseId, medium: outlets.medium })
    .from(outlets)
    .where(inArray(outlets.id, ids));
  const pols = await db
    .select({
      outletId: outletPollutants.outletId,
      code: outletPollutants.code,
      limit: outletPollutants.limit,
      range: outletPollutants.range,
      detectionLimit: outletPollutants.detectionLimit,
    })
    .from(outletPollutants)
    .where(inArray(outletPollutants.outletId, ids));
  return base.map((o) => ({
    ...o,
    pollutants: pols
      .filter((p) => p.outletId === o.id)
      .map(({ code, limit, range, detectionLimit }) => ({ code, limit, range, detectionLimit })),
  }));
}

/** Hourly values of some outlets over [from, to), ordered by outlet. */
async function hoursOf(db: Db, ids: number[], from: number, to: number): Promise<Map<number, HourValue[]>> {
  const rows = rowsOf<{ o: number; p: string; t: string; v: number | null; f: string }>(
    await db.execute(sql`
      select outlet_id as o, pollutant as p, (extract(epoch from time) * 1000)::float8::text as t, avg as v, flag as f
        from online_hourly
       where outlet_id in ${ids} and time >= ${new Date(from).toISOString()} and time < ${new Date(to).toISOString()}`),
  );
  const out = new Map<number, HourValue[]>();
  for (const r of rows) {
    let list = out.get(r.o);
    if (!list) {
      list = [];
      out.set(r.o, list);
    }
    const v = r.v == null ? null : Number(r.v);
    list.push({ time: Number(r.t), pollutant: r.p, value: v, flag: r.f, valid: v != null && isValidFlag(r.f) });
  }
  return out;
}

/** First and last hour (epoch ms) of each outlet's data. */
async function spans(db: Db, ids: number[]): Promise<Map<number, { first: number; last: number }>> {
  const rows = rowsOf<{ o: number; a: string; b: string }>(
    await db.execute(sql`
      select outlet_id as o, (extract(epoch from min(time)) * 1000)::float8::text as a,
             (extract(epoch from max(time)) * 1000)::float8::text as b
        from online_hourly where outlet_id in ${ids} group by outlet_id`),
  );
  return new Map(rows.map((r) => [Number(r.o), { first: Number(r.a), last: Number(r.b) }]));
}

function computeFor(o: OutletInfo, hours: HourValue[], from: number, to: number, opts: FlagOptions): IntegrityFlag[] {
  return computeFlags(
    { pollutants: o.pollutants, flowCode: FLOW[o.medium], hours, from, to, timeZone: opts.tz },
    opts.rules ?? DEFAULT_INTEGRITY_RULES,
  );
}

/** online_flags rows for an outlet's hours over [from, to): what refreshAllFlags stores for it. */
export function outletFlagRows(o: OutletInfo, hours: HourValue[], from: number, to: number, opts: FlagOptions) {
  const rules = opts.rules ?? DEFAULT_INTEGRITY_RULES;
  return computeFor(o, hours, from, to, opts).map((f) => rowOf(o, f, rules, opts.tz));
}

function rowOf(o: OutletInfo, f: IntegrityFlag, rules: IntegrityRules, tz: string) {
  return {
    outletId: o.id,
    enterpriseId: o.enterpriseId,
    pollutant: f.pollutant,
    kind: f.kind,
    from: formatInstant(f.from, tz),
    to: formatInstant(f.to, tz),
    parameters: f.parameters,
    evidence: f.evidence,
    rulesVersion: rules.version,
  };
}

const UPSERT_CHUNK = 500;

async function upsert(db: Db, rows: ReturnType<typeof rowOf>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    await db
      .insert(onlineFlags)
      .values(rows.slice(i, i + UPSERT_CHUNK))
      .onConflictDoUpdate({
        target: [onlineFlags.outletId, onlineFlags.pollutant, onlineFlags.kind, onlineFlags.from],
        set: {
          to: sql`excluded."to"`,
          parameters: sql`excluded.parameters`,
          evidence: sql`excluded.evidence`,
          rulesVersion: sql`excluded.rules_version`,
          computedAt: sql`now()`,
        },
      });
  }
}

/**
 * Recomputes an outlet's flags after its data changed from `changedFrom` (epoch ms) on. Returns
 * how many flags appeared, changed their end or went away.
 */
export async function refreshOutletFlags(
  db: Db,
  outletId: number,
  changedFrom: number,
  opts: FlagOptions,
): Promise<number> {
  const rules = opts.rules ?? DEFAULT_INTEGRITY_RULES;
  const [o] = await outletInfo(db, [outletId]);
  const span = (await spans(db, [outletId])).get(outletId);
  if (!o) return 0;
  if (!span) {
    await db.delete(onlineFlags).where(eq(onlineFlags.outletId, outletId));
    return 0;
  }
  const month = monthOf(changedFrom, opts.tz);
  const monthStart = monthStartOf(month, opts.tz);
  const windowFrom = Math.max(
    span.first,
    monthStartOf(addMonthKey(month, -rules.kinds.parked_under_limit.baselineMonths), opts.tz),
  );
  // Runs that end at or after T can have started up to the longest rule's span before it.
  const longest = Math.max(...FLAG_KINDS.map((k) => (rules.kinds[k] as { minHours?: number }).minHours ?? 0));
  const cutoff = Math.max(windowFrom, Math.min(monthStart, changedFrom - (longest + 1) * HOUR_MS));
  const windowTo = span.last + HOUR_MS;
  const hours = (await hoursOf(db, [outletId], windowFrom, windowTo)).get(outletId) ?? [];
  const found = computeFor(o, hours, windowFrom, windowTo, opts).filter((f) => f.to > cutoff);
  const rows = found.map((f) => rowOf(o, f, rules, opts.tz));
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const before = await t
      .select({
        id: onlineFlags.id,
        pollutant: onlineFlags.pollutant,
        kind: onlineFlags.kind,
        from: onlineFlags.from,
        to: onlineFlags.to,
      })
      .from(onlineFlags)
      .where(and(eq(onlineFlags.outletId, outletId), sql`${onlineFlags.to} > ${formatInstant(cutoff, opts.tz)}`));
    // Compared as instants: the stored text and ours may write the same instant differently.
    const keyOf = (f: { pollutant: string; kind: string; from: string }) =>
      `${f.pollutant}|${f.kind}|${toInstant(f.from).getTime()}`;
    const stored = new Map(before.map((s) => [keyOf(s), { ...s, to: toInstant(s.to).getTime() }]));
    const keep = new Set(rows.map(keyOf));
    const gone = [...stored.entries()]
      .filter(([key, s]) => !keep.has(key) && toInstant(s.from).getTime() >= cutoff)
      .map(([, s]) => s.id);
    if (gone.length) await t.delete(onlineFlags).where(inArray(onlineFlags.id, gone));
    await upsert(t, rows);
    return gone.length + rows.filter((r) => stored.get(keyOf(r))?.to !== toInstant(r.to).getTime()).length;
  });
}

/**
 * After hourly data changed for some outlet-days (receiver, gateway, CSV import): recompute each
 * outlet's flags from its earliest changed day. Returns how many flags appeared, moved or went.
 */
export async function refreshFlagsForDays(
  db: Db,
  outletDays: { outletId: number; day: string }[],
  tz: string,
): Promise<number> {
  const earliest = new Map<number, string>();
  for (const d of outletDays) {
    const known = earliest.get(d.outletId);
    if (known === undefined || d.day < known) earliest.set(d.outletId, d.day);
  }
  let changed = 0;
  for (const [outletId, day] of earliest)
    changed += await refreshOutletFlags(db, outletId, startOfDay(day, tz).getTime(), { tz });
  return changed;
}

/** Recomputes every outlet's flags over all its data (seed, bench, rule-set change). */
export async function refreshAllFlags(
  db: Db,
  opts: FlagOptions & { outletIds?: number[]; onProgress?: (done: number, total: number) => void },
): Promise<{ outlets: number; flags: number }> {
  const ids =
    opts.outletIds ??
    rowsOf<{ id: number }>(await db.execute(sql`select distinct outlet_id as id from online_hourly`)).map((r) =>
      Number(r.id),
    );
  const BATCH = 8;
  let flags = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [infos, ranges] = await Promise.all([outletInfo(db, batch), spans(db, batch)]);
    const first = Math.min(...[...ranges.values()].map((r) => r.first));
    const last = Math.max(...[...ranges.values()].map((r) => r.last));
    const hours = ranges.size ? await hoursOf(db, batch, first, last + HOUR_MS) : new Map();
    const rows: ReturnType<typeof rowOf>[] = [];
    for (const o of infos) {
      const r = ranges.get(o.id);
      if (r) rows.push(...outletFlagRows(o, hours.get(o.id) ?? [], r.first, r.last + HOUR_MS, opts));
    }
    await db.transaction(async (tx) => {
      await (tx as unknown as Db).delete(onlineFlags).where(inArray(onlineFlags.outletId, batch));
      await upsert(tx as unknown as Db, rows);
    });
    flags += rows.length;
    opts.onProgress?.(Math.min(ids.length, i + BATCH), ids.length);
  }
  return { outlets: ids.length, flags };
}

export type FlagFilter = {
  outlet?: number;
  enterprise?: number;
  kind?: FlagKind;
  /** Flags whose span overlaps [from, to] (instants). */
  from?: string;
  to?: string;
  limit: number;
};

export type FlagItem = {
  id: number;
  outletId: number;
  outletCode: string;
  enterpriseId: number;
  enterpriseName: string;
  pollutant: string;
  kind: FlagKind;
  from: string;
  to: string;
  parameters: Record<string, unknown>;
  evidence: Record<string, unknown>;
  rulesVersion: string;
};

function conditions(f: Omit<FlagFilter, 'limit'>) {
  return and(
    f.outlet !== undefined ? eq(onlineFlags.outletId, f.outlet) : undefined,
    f.enterprise !== undefined ? eq(onlineFlags.enterpriseId, f.enterprise) : undefined,
    f.kind !== undefined ? eq(onlineFlags.kind, f.kind) : undefined,
    f.from !== undefined ? sql`${onlineFlags.to} > ${f.from}` : undefined,
    f.to !== undefined ? lte(onlineFlags.from, f.to) : undefined,
  );
}

/** Flags, newest first, with their outlet code and enterprise name for a list an inspector reads. */
export async function listFlags(db: Db, f: FlagFilter & { tz: string }): Promise<{ items: FlagItem[]; total: number }> {
  const where = conditions(f);
  const rows = await db
    .select({
      id: onlineFlags.id,
      outletId: onlineFlags.outletId,
      outletCode: outlets.code,
      enterpriseId: onlineFlags.enterpriseId,
      enterpriseName: sql<string>`(select name from enterprises e where e.id = ${onlineFlags.enterpriseId})`,
      pollutant: onlineFlags.pollutant,
      kind: onlineFlags.kind,
      from: sql<number>`extract(epoch from ${onlineFlags.from}) * 1000`,
      to: sql<number>`extract(epoch from ${onlineFlags.to}) * 1000`,
      parameters: onlineFlags.parameters,
      evidence: onlineFlags.evidence,
      rulesVersion: onlineFlags.rulesVersion,
    })
    .from(onlineFlags)
    .innerJoin(outlets, eq(outlets.id, onlineFlags.outletId))
    .where(where)
    .orderBy(sql`${onlineFlags.from} desc, ${onlineFlags.id}`)
    .limit(f.limit);
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from online_flags where ${where ?? sql`true`}`),
  );
  return {
    items: rows.map((r) => ({
      ...r,
      kind: r.kind as FlagKind,
      from: formatInstant(Number(r.from), f.tz),
      to: formatInstant(Number(r.to), f.tz),
      parameters: r.parameters as Record<string, unknown>,
      evidence: r.evidence as Record<string, unknown>,
    })),
    total: Number(n),
  };
}

/**
 * Flags are open while their span ended less than the rule set's openDays before the end of the
 * data date (the demo's asOf, else today): the instant, ISO with offset, spans must end after.
 */
export async function openSince(db: Db, tz: string, rules: IntegrityRules = DEFAULT_INTEGRITY_RULES): Promise<string> {
  const end = startOfDay(addDays(await dataAsOf(db), 1), tz).getTime();
  return formatInstant(end - rules.openDays * 24 * HOUR_MS, tz);
}

/** Enterprises with open flags (span ending after `since`) and their kinds. */
export async function flaggedEnterprises(db: Db, since: string): Promise<{ id: number; kinds: FlagKind[] }[]> {
  const rows = rowsOf<{ id: number; kinds: string[] }>(
    await db.execute(sql`
      select enterprise_id as id, array_agg(distinct kind order by kind) as kinds
        from online_flags where "to" > ${since} group by enterprise_id order by enterprise_id`),
  );
  return rows.map((r) => ({ id: Number(r.id), kinds: r.kinds as FlagKind[] }));
}

/** Counts only, for the public: open flags by kind and the enterprises they touch. */
export async function flagCounts(
  db: Db,
  since: string,
): Promise<{ total: number; enterprises: number; byKind: Record<FlagKind, number> }> {
  const rows = rowsOf<{ kind: string; n: number; e: number }>(
    await db.execute(sql`
      select kind, count(*)::int as n, count(distinct enterprise_id)::int as e
        from online_flags where "to" > ${since} group by rollup (kind)`),
  );
  const byKind = Object.fromEntries(FLAG_KINDS.map((k) => [k, 0])) as Record<FlagKind, number>;
  let total = 0;
  let enterprises = 0;
  for (const r of rows) {
    if (r.kind == null) {
      total = Number(r.n);
      enterprises = Number(r.e);
    } else if (r.kind in byKind) byKind[r.kind as FlagKind] = Number(r.n);
  }
  return { total, enterprises, byKind };
}
