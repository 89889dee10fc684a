// Outlets (排放口): lists for the API and the directory the receiver checks MN and PW against.
import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { Medium } from '../../domain/online-validity';

export type OutletPollutant = {
  code: string;
  name: string;
  unit: string;
  limit: number | null;
  range: number | null;
  detectionLimit: number | null;
};

export type OutletItem = {
  id: number;
  enterpriseId: number;
  code: string;
  name: string | null;
  mn: string;
  medium: Medium;
  pw?: string;
  pollutants: OutletPollutant[];
};

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Outlets with their pollutants, by id; `withPw` adds the access password (admins only). */
export async function listOutlets(
  db: Db,
  opts: { enterpriseId?: number; limit: number; offset?: number; withPw: boolean },
): Promise<{ items: OutletItem[]; total: number }> {
  const where = opts.enterpriseId !== undefined ? sql`where o.enterprise_id = ${opts.enterpriseId}` : sql``;
  const [{ total }] = rowsOf<{ total: number }>(
    await db.execute(sql`select count(*)::int as total from outlets o ${where}`),
  );
  const rows = rowsOf<Omit<OutletItem, 'pollutants'> & { pw: string; pollutants: unknown }>(
    await db.execute(sql`
      select o.id, o.enterprise_id as "enterpriseId", o.code, o.name, o.mn, o.medium, o.pw,
             coalesce((select json_agg(json_build_object('code', p.code, 'name', p.name, 'unit', p.unit, 'limit', p.limit,
                                                         'range', p.range, 'detectionLimit', p.detection_limit) order by p.code)
                         from outlet_pollutants p where p.outlet_id = o.id), '[]') as pollutants
        from outlets o ${where}
       order by o.id
       limit ${opts.limit} offset ${opts.offset ?? 0}`),
  );
  const items = rows.map(({ pw, pollutants, ...o }) => ({
    ...o,
    ...(opts.withPw ? { pw } : {}),
    pollutants: parsed<OutletPollutant[]>(pollutants),
  }));
  return { items, total: Number(total) };
}

/** What the public sees: how many outlets, by medium. */
export async function countOutlets(
  db: Db,
  enterpriseId?: number,
): Promise<{ total: number; byMedium: Record<Medium, number> }> {
  const where = enterpriseId !== undefined ? sql`where enterprise_id = ${enterpriseId}` : sql``;
  const rows = rowsOf<{ medium: Medium; n: number }>(
    await db.execute(sql`select medium, count(*)::int as n from outlets ${where} group by medium`),
  );
  const byMedium: Record<Medium, number> = { water: 0, gas: 0 };
  for (const r of rows) byMedium[r.medium] = Number(r.n);
  return { total: byMedium.water + byMedium.gas, byMedium };
}

export async function getOutlet(
  db: Db,
  id: number,
): Promise<{ id: number; enterpriseId: number; medium: Medium } | null> {
  const [row] = rowsOf<{ id: number; enterpriseId: number; medium: Medium }>(
    await db.execute(sql`select id, enterprise_id as "enterpriseId", medium from outlets where id = ${id}`),
  );
  return row ?? null;
}

export type DirectoryEntry = { outletId: number; enterpriseId: number; medium: Medium; pw: string };

/**
 * MN → outlet, held in memory for the receiver: a packet must not cost a query to authenticate.
 * Reloaded every `refreshMs`, and at most once per `missReloadMs` when an unknown MN shows up
 * (an outlet imported a moment ago), so a flood of unknown MNs cannot turn into a flood of queries.
 */
export class OutletDirectory {
  private byMn = new Map<string, DirectoryEntry>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { refreshMs?: number; missReloadMs?: number } = {},
  ) {}

  async reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = rowsOf<{ mn: string; id: number; enterpriseId: number; medium: Medium; pw: string }>(
          await this.db.execute(sql`select mn, id, enterprise_id as "enterpriseId", medium, pw from outlets`),
        );
        this.byMn = new Map(
          rows.map((r) => [r.mn, { outletId: r.id, enterpriseId: r.enterpriseId, medium: r.medium, pw: r.pw }]),
        );
        this.loadedAt = Date.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** The outlet for MN when PW matches; otherwise why not. */
  async check(mn: string, pw: string): Promise<DirectoryEntry | 'unknown_mn' | 'wrong_pw'> {
    const now = Date.now();
    if (now - this.loadedAt > (this.opts.refreshMs ?? 60_000)) await this.reload();
    let entry = this.byMn.get(mn);
    if (!entry && now - this.loadedAt > (this.opts.missReloadMs ?? 5_000)) {
      await this.reload();
      entry = this.byMn.get(mn);
    }
    if (!entry) return 'unknown_mn';
    const a = Buffer.from(pw);
    const b = Buffer.from(entry.pw);
    return a.length === b.length && timingSafeEqual(a, b) ? entry : 'wrong_pw';
  }
}
