// A county's annual water statistics (水资源公报 / 统计年鉴): the upstream county's 用水总量和用水效率
// conditions of a basin compensation agreement are assessed from them.
import { inArray } from 'drizzle-orm';
import { countyWaterUse } from '../../../db/schema';
import { upsertRows } from '../recordset';
import { defineKind, emptyStats, sameRow } from './common';

export type WaterUseRecord = { countyCode: string; year: number; totalUse: number; gdp: number };

const COMPARED = ['totalUse', 'gdp'];

export const waterUseKind = defineKind<WaterUseRecord>({
  kind: 'water-use',
  label: { zh: '区县用水统计', en: 'county water use' },
  columns: [
    {
      key: 'county',
      header: '区县',
      aliases: ['区县代码', '所属区县', 'countyCode'],
      required: true,
      example: '开化县',
    },
    { key: 'year', header: '年度', aliases: ['年份', 'year'], required: true, example: '2025' },
    {
      key: 'totalUse',
      header: '用水总量(万m³)',
      aliases: ['用水总量', '用水总量(万立方米)', 'totalUse'],
      required: true,
      example: '12096',
    },
    {
      key: 'gdp',
      header: '可比价地区生产总值(万元)',
      aliases: ['地区生产总值(万元)', '地区生产总值', 'GDP', 'GDP(万元)'],
      required: true,
      example: '1941300',
    },
  ],
  needs: ['regions'],

  validate(r, ref) {
    const countyCode = ref.county(r, 'county', { required: true });
    const year = r.number('year', { required: true, min: 2000, max: 2100, integer: true });
    // Plausible for one county: up to 100 亿m³ of water and 10 万亿元 of GDP.
    const totalUse = r.number('totalUse', { required: true, min: 0, max: 1_000_000 });
    const gdp = r.number('gdp', { required: true, min: 1, max: 1e9 });
    if (!r.ok || !countyCode || year == null || totalUse == null || gdp == null) return null;
    return { countyCode, year, totalUse, gdp };
  },
  key: (x) => `${x.countyCode}|${x.year}`,
  keyColumn: 'year',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = new Map<string, Record<string, unknown>>();
    const rows = await db
      .select()
      .from(countyWaterUse)
      .where(
        inArray(
          countyWaterUse.countyCode,
          recs.map((x) => x.countyCode),
        ),
      );
    for (const row of rows) stored.set(`${row.countyCode}|${row.year}`, row);
    const changed: WaterUseRecord[] = [];
    for (const x of recs) {
      const old = stored.get(`${x.countyCode}|${x.year}`);
      if (old && sameRow(old, x, COMPARED)) stats.unchanged++;
      else {
        changed.push(x);
        if (old) stats.updated++;
        else stats.inserted++;
      }
    }
    if (ctx.apply) await upsertRows(db, countyWaterUse, changed, { conflict: ['countyCode', 'year'] });
    return stats;
  },
});
