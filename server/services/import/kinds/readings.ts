import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../../db/client';
import { readings } from '../../../db/schema';
import { classifySample, type Sample } from '../../../domain/water-quality';
import type { ColumnSpec } from '../fields';
import { upsertRows } from '../recordset';
import { defineKind, emptyStats, sameRow } from './common';

type Measure = 'ph' | 'do' | 'codmn' | 'nh3n' | 'tp' | 'tn' | 'temperature' | 'turbidity' | 'conductivity' | 'flow';

/** Plausible ranges, wide enough for polluted water, narrow enough to catch unit mix-ups (µg/L). */
const MEASURES: { key: Measure; header: string; aliases: string[]; min: number; max: number; example: string }[] = [
  { key: 'ph', header: 'pH', aliases: ['pH值', '酸碱度'], min: 0, max: 14, example: '7.4' },
  { key: 'do', header: '溶解氧(mg/L)', aliases: ['DO'], min: 0, max: 30, example: '7.8' },
  { key: 'codmn', header: '高锰酸盐指数(mg/L)', aliases: ['CODMn', 'COD锰'], min: 0, max: 200, example: '2.6' },
  { key: 'nh3n', header: '氨氮(mg/L)', aliases: ['NH3-N', 'NH3N'], min: 0, max: 200, example: '0.32' },
  { key: 'tp', header: '总磷(mg/L)', aliases: ['TP'], min: 0, max: 50, example: '0.08' },
  { key: 'tn', header: '总氮(mg/L)', aliases: ['TN'], min: 0, max: 200, example: '1.6' },
  { key: 'temperature', header: '水温(℃)', aliases: ['温度', 'temp'], min: -5, max: 50, example: '18.5' },
  { key: 'turbidity', header: '浊度(NTU)', aliases: [], min: 0, max: 100_000, example: '12' },
  { key: 'conductivity', header: '电导率(μS/cm)', aliases: [], min: 0, max: 200_000, example: '210' },
  // The Yangtze at Datong averages about 28,000 m³/s; nothing in a county comes near 100,000.
  { key: 'flow', header: '流量(m³/s)', aliases: ['流量', 'flow'], min: 0, max: 100_000, example: '68.5' },
];
const MEASURE_KEYS = MEASURES.map((m) => m.key);

export type ReadingRecord = {
  sectionId: number;
  waterBody: 'river' | 'lake';
  /** Epoch milliseconds. */
  time: number;
  values: Partial<Record<Measure, number | null>>;
  valid: boolean | undefined;
};

const columns: ColumnSpec[] = [
  {
    key: 'sectionCode',
    header: '断面编码',
    aliases: ['断面代码', '断面', 'section'],
    required: true,
    example: 'QZ-01',
  },
  {
    key: 'time',
    header: '监测时间',
    aliases: ['采样时间', '时间', 'datetime'],
    required: true,
    example: '2026-05-01 08:00',
  },
  ...MEASURES.map((m) => ({ key: m.key, header: m.header, aliases: m.aliases, example: m.example })),
  { key: 'valid', header: '数据有效', aliases: ['有效', '是否有效'], example: '是' },
];

type Stored = Record<Measure, number | null> & {
  id: number;
  section_id: number;
  t: number;
  valid: boolean;
  class: string | null;
};

export const readingsKind = defineKind<ReadingRecord>({
  kind: 'readings',
  label: { zh: '监测数据', en: 'reading' },
  columns,
  needs: [],

  async prepare(db, ref, values) {
    await ref.loadSections(
      db,
      values('sectionCode').map((v) => (v === null ? '' : String(v).normalize('NFKC').trim())),
    );
  },

  validate(r, ref) {
    const code = r.text('sectionCode', { required: true, max: 64 });
    const section = code ? ref.sectionByCode.get(code.normalize('NFKC')) : undefined;
    if (code && !section)
      r.fail('sectionCode', '未知的断面编码，请先导入断面（unknown section: import sections first）');
    const time = r.datetime('time', { required: true });
    const values: ReadingRecord['values'] = {};
    let given = 0;
    for (const m of MEASURES) {
      const v = r.number(m.key, { min: m.min, max: m.max });
      if (v !== undefined) values[m.key] = v;
      if (typeof v === 'number') given++;
    }
    const valid = r.bool('valid');
    if (r.ok && given === 0) r.fail(null, '该行没有任何监测值（the row has no measured value）');
    if (!r.ok || !section || time === null || time === undefined) return null;
    return { sectionId: section.id, waterBody: section.waterBody, time, values, valid: valid ?? undefined };
  },
  key: (x) => `${x.sectionId}|${x.time}`,
  keyColumn: 'time',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = await loadStored(db, recs);
    const changed: Record<string, unknown>[] = [];
    for (const x of recs) {
      const old = stored.get(`${x.sectionId}|${x.time}`);
      const next: Record<string, unknown> = { sectionId: x.sectionId, time: new Date(x.time).toISOString() };
      // A file with only some indicators adds to a stored reading rather than blanking the rest.
      for (const k of MEASURE_KEYS) next[k] = x.values[k] !== undefined ? x.values[k] : (old?.[k] ?? null);
      next.valid = x.valid ?? old?.valid ?? true;
      // The class is stored at write time, always from the section's current water body.
      next.class = classifySample(next as Sample, x.waterBody)?.class ?? null;
      if (
        old &&
        sameRow(old, next, ['valid', 'class'], []) &&
        MEASURE_KEYS.every((k) => sameRow(old, next, [k], k === 'flow' ? [] : [k]))
      ) {
        stats.unchanged++;
      } else {
        changed.push(next);
        if (old) stats.updated++;
        else stats.inserted++;
      }
    }
    if (ctx.apply) await upsertRows(db, readings, changed, { conflict: ['sectionId', 'time'] });
    return stats;
  },
});

/** Stored readings for the sections and time span the file covers, keyed like the records. */
async function loadStored(db: Db, recs: ReadingRecord[]): Promise<Map<string, Stored>> {
  const span = new Map<number, [number, number]>();
  for (const x of recs) {
    const s = span.get(x.sectionId);
    if (!s) span.set(x.sectionId, [x.time, x.time]);
    else {
      s[0] = Math.min(s[0], x.time);
      s[1] = Math.max(s[1], x.time);
    }
  }
  const out = new Map<string, Stored>();
  for (const [sectionId, [from, to]] of span) {
    const rows = rowsOf<Stored>(
      await db.execute(sql`
        select id, section_id, (extract(epoch from time) * 1000)::float8 as t,
               ph, "do", codmn, nh3n, tp, tn, temperature, turbidity, conductivity, flow, valid, class
          from readings
         where section_id = ${sectionId}
           and time between ${new Date(from).toISOString()}::timestamptz and ${new Date(to).toISOString()}::timestamptz`),
    );
    for (const r of rows) out.set(`${sectionId}|${Math.round(Number(r.t))}`, r);
  }
  return out;
}
