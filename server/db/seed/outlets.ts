// Demo outlets: every key-pollutant unit (重点排污单位) gets a wastewater outlet, and about half of
// them a flue-gas outlet too, with their data loggers' MN and access password and the usual
// pollutants, permit limits (GB 8978-1996 grade 1 for water, GB 13271-2014 for boilers), ranges
// and detection limits. Each analyser's range sits a little above its permit limit, where a real
// one is set so that the limit and a plausible exceedance stay on scale: a range far wider than
// the values would make ordinary fluctuation look like the 2 %-of-range pattern (narrow_band).
import { sql } from 'drizzle-orm';
import { POLLUTANT_CODES } from '../../domain/hj212';
import { type Db, rowsOf } from '../client';
import { outletPollutants, outlets } from '../schema';
import { bulkInsert, syncSerial } from './bulk-insert';
import { chance, stageRng } from './rng';

export type PollutantPlan = { code: string; limit: number | null; range: number; detectionLimit: number | null };

export const OUTLET_POLLUTANTS: Record<'water' | 'gas', PollutantPlan[]> = {
  water: [
    { code: 'w01018', limit: 100, range: 200, detectionLimit: 4 },
    { code: 'w21003', limit: 15, range: 30, detectionLimit: 0.025 },
    { code: 'w21011', limit: 0.5, range: 1, detectionLimit: 0.01 },
    { code: 'w21001', limit: 20, range: 40, detectionLimit: 0.05 },
    { code: 'w01001', limit: null, range: 14, detectionLimit: null },
    { code: 'w00000', limit: null, range: 1000, detectionLimit: null },
  ],
  gas: [
    { code: 'a21026', limit: 200, range: 400, detectionLimit: 3 },
    { code: 'a21002', limit: 200, range: 400, detectionLimit: 3 },
    { code: 'a34013', limit: 30, range: 60, detectionLimit: 1 },
    { code: 'a00000', limit: null, range: 200_000, detectionLimit: null },
  ],
};

/** MN: 'QZ' + enterprise id (10 digits) + outlet number (2 digits) — unique, 14 characters. */
const demoMn = (enterpriseId: number, n: number) =>
  `QZ${String(enterpriseId).padStart(10, '0')}${String(n).padStart(2, '0')}`;

export async function seedOutlets(db: Db, seed: number): Promise<{ outlets: number; pollutants: number }> {
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`select id from enterprises where key_pollutant order by id`),
  ).map((r) => r.id);
  const rng = stageRng(seed, 'outlets');
  const outletRows: (typeof outlets.$inferInsert & { id: number })[] = [];
  const pollutantRows: (typeof outletPollutants.$inferInsert)[] = [];
  for (const enterpriseId of ids) {
    const media: ('water' | 'gas')[] = chance(rng, 0.5) ? ['water', 'gas'] : ['water'];
    const pw = String(Math.floor(rng() * 1_000_000)).padStart(6, '0');
    media.forEach((medium, i) => {
      const id = outletRows.length + 1;
      outletRows.push({
        id,
        enterpriseId,
        code: medium === 'water' ? `DW${String(i + 1).padStart(3, '0')}` : `DA${String(i + 1).padStart(3, '0')}`,
        name: medium === 'water' ? '废水总排口' : '废气排放口',
        mn: demoMn(enterpriseId, i + 1),
        pw,
        medium,
      });
      for (const p of OUTLET_POLLUTANTS[medium]) {
        const known = POLLUTANT_CODES[p.code];
        pollutantRows.push({ outletId: id, name: known.zh, unit: known.unit, ...p });
      }
    });
  }
  await bulkInsert(db, outlets, outletRows);
  await bulkInsert(db, outletPollutants, pollutantRows);
  await syncSerial(db, outlets);
  return { outlets: outletRows.length, pollutants: pollutantRows.length };
}
