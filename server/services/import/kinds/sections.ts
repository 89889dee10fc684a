import { eq, inArray } from 'drizzle-orm';
import { readings, sections } from '../../../db/schema';
import { classifySample, type Sample } from '../../../domain/water-quality';
import { updateRowsById, upsertRows } from '../recordset';
import {
  chunked,
  defineKind,
  emptyStats,
  latColumn,
  lonColumn,
  POINT_GEOMETRY,
  POINT_KEYS,
  pick,
  sameRow,
} from './common';

const WATER_BODY = { river: ['河流', '河道', '江'], lake: ['湖库', '湖泊', '水库', '湖'] };
const TARGET = {
  I: ['Ⅰ', 'Ⅰ类', 'I类', '1'],
  II: ['Ⅱ', 'Ⅱ类', 'II类', '2'],
  III: ['Ⅲ', 'Ⅲ类', 'III类', '3'],
  IV: ['Ⅳ', 'Ⅳ类', 'IV类', '4'],
  V: ['Ⅴ', 'Ⅴ类', 'V类', '5'],
};

export type SectionRecord = {
  code: string;
  name: string;
  riverId: number | null | undefined;
  lon: number;
  lat: number;
  countyCode: string;
  upstreamCounty: string | null | undefined;
  downstreamCounty: string | null | undefined;
  waterBody: 'river' | 'lake' | undefined;
  targetClass: keyof typeof TARGET | undefined;
  handover: boolean | undefined;
  samplingIntervalHours: number | undefined;
};

const COMPARED = [
  'name',
  'riverId',
  'lon',
  'lat',
  'countyCode',
  'upstreamCounty',
  'downstreamCounty',
  'waterBody',
  'targetClass',
  'handover',
  'samplingIntervalHours',
];

export const sectionsKind = defineKind<SectionRecord>({
  kind: 'sections',
  label: { zh: '监测断面', en: 'monitoring section' },
  columns: [
    { key: 'code', header: '断面编码', aliases: ['断面代码', 'sectionCode'], required: true, example: 'QZ-01' },
    { key: 'name', header: '断面名称', aliases: ['名称'], required: true, example: '樟树潭' },
    { key: 'river', header: '所在河流', aliases: ['河流', '河流名称'], example: '衢江' },
    lonColumn(true, '118.95'),
    latColumn(true, '28.97'),
    { key: 'upstreamCounty', header: '上游区县', aliases: ['上游'], example: '柯城区' },
    { key: 'downstreamCounty', header: '下游区县', aliases: ['下游'], example: '衢江区' },
    { key: 'waterBody', header: '水体类型', aliases: ['类型'], example: '河流' },
    { key: 'targetClass', header: '目标水质类别', aliases: ['目标类别', '水质目标'], example: 'III' },
    { key: 'handover', header: '交接断面', aliases: ['是否交接断面'], example: '是' },
    {
      key: 'samplingIntervalHours',
      header: '采样间隔(小时)',
      aliases: ['采样间隔', '采样频次(小时)'],
      example: '4',
    },
  ],
  geometry: POINT_GEOMETRY,
  needs: ['regions', 'rivers'],

  validate(r, ref) {
    const code = r.text('code', { required: true, max: 64 });
    const name = r.text('name', { required: true, max: 100 });
    const riverName = r.text('river', { max: 100 });
    // undefined: column absent (keep the stored river); null: blank (no river).
    let riverId: number | null | undefined = riverName === undefined ? undefined : null;
    if (riverName) {
      riverId = ref.riverByName.get(riverName);
      if (riverId === undefined) r.fail('river', '未知的河流名称（unknown river）');
    }
    const point = ref.point(r, POINT_KEYS, { required: true });
    const upstreamCounty = ref.county(r, 'upstreamCounty');
    const downstreamCounty = ref.county(r, 'downstreamCounty');
    if (upstreamCounty && upstreamCounty === downstreamCounty) {
      r.fail('downstreamCounty', '上下游区县相同（upstream and downstream are the same county）');
    }
    const waterBody = r.choice('waterBody', WATER_BODY);
    const targetClass = r.choice('targetClass', TARGET);
    const handover = r.bool('handover');
    // From one sample a minute (1/60 h) to one a month: coverage counts readings against it.
    const samplingIntervalHours = r.number('samplingIntervalHours', { min: 1 / 60, max: 744 });
    const county = point ? ref.countyAt(point[0], point[1]) : undefined;
    if (!r.ok || !code || !name || !point || !county) return null;
    return {
      code: code.normalize('NFKC'),
      name,
      riverId,
      lon: point[0],
      lat: point[1],
      countyCode: county.code,
      upstreamCounty,
      downstreamCounty,
      waterBody: waterBody ?? (waterBody === null ? 'river' : undefined),
      targetClass: targetClass ?? (targetClass === null ? 'III' : undefined),
      handover: handover ?? (handover === null ? false : undefined),
      samplingIntervalHours: samplingIntervalHours === null ? 4 : samplingIntervalHours,
    };
  },
  key: (s) => s.code,
  keyColumn: 'code',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = new Map<string, typeof sections.$inferSelect>();
    for (const part of chunked(recs, 5_000)) {
      const rows = await db
        .select()
        .from(sections)
        .where(
          inArray(
            sections.code,
            part.map((s) => s.code),
          ),
        );
      for (const row of rows) stored.set(row.code, row);
    }
    const changed: Record<string, unknown>[] = [];
    const reclassify: number[] = [];
    for (const s of recs) {
      const old = stored.get(s.code);
      const next = {
        code: s.code,
        name: s.name,
        riverId: pick(s.riverId, old?.riverId, null),
        lon: s.lon,
        lat: s.lat,
        countyCode: s.countyCode,
        upstreamCounty: pick(s.upstreamCounty, old?.upstreamCounty, null),
        downstreamCounty: pick(s.downstreamCounty, old?.downstreamCounty, null),
        waterBody: pick(s.waterBody, old?.waterBody, 'river'),
        targetClass: pick(s.targetClass, old?.targetClass, 'III'),
        handover: pick(s.handover, old?.handover, false),
        samplingIntervalHours: pick(s.samplingIntervalHours, old?.samplingIntervalHours, 4),
      };
      if (old && sameRow(old, next, COMPARED)) {
        stats.unchanged++;
        continue;
      }
      changed.push(next);
      if (old) stats.updated++;
      else stats.inserted++;
      // Lakes class TP on their own column: stored reading classes follow the water body.
      if (old && old.waterBody !== next.waterBody) reclassify.push(old.id);
    }
    if (!ctx.apply) return stats;
    await upsertRows(db, sections, changed, { conflict: ['code'] });
    for (const sectionId of reclassify) stats.sideEffects += await reclassifyReadings(db, sectionId);
    return stats;
  },
});

async function reclassifyReadings(db: Parameters<typeof upsertRows>[0], sectionId: number): Promise<number> {
  const [section] = await db.select({ waterBody: sections.waterBody }).from(sections).where(eq(sections.id, sectionId));
  const rows = await db.select().from(readings).where(eq(readings.sectionId, sectionId));
  const updates = rows
    .map((r) => ({ id: r.id, class: classifySample(r as Sample, section.waterBody)?.class ?? null, old: r.class }))
    .filter((u) => u.class !== u.old)
    .map(({ id, class: c }) => ({ id, class: c }));
  await updateRowsById(db, readings, updates);
  return updates.length;
}
