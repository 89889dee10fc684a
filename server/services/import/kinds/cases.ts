import { inArray } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { violationCases } from '../../../db/schema';
import { upsertRows } from '../recordset';
import {
  chunked,
  defineKind,
  emptyStats,
  latColumn,
  lonColumn,
  POINT_GEOMETRY,
  POINT_KEYS,
  pick,
  prepareEnterprises,
  readEnterprise,
  sameRow,
  usccColumn,
} from './common';
import { H3_RESOLUTION } from './enterprises';

const MEDIUM = {
  water: ['水', '水污染', '水环境', '废水'],
  air: ['大气', '大气污染', '废气', '空气'],
  solid: ['固废', '固体废物', '危废', '危险废物'],
  noise: ['噪声', '噪音'],
};
const SEVERITY = { general: ['一般', '普通'], major: ['重大', '严重'] };
const STATUS = { open: ['办理中', '立案', '在办', '未结案'], closed: ['已结案', '结案', '办结'] };

export type CaseRecord = {
  caseNo: string;
  enterpriseId: number;
  filed: string;
  medium: keyof typeof MEDIUM;
  severity: keyof typeof SEVERITY;
  penalty: number | undefined;
  status: keyof typeof STATUS | undefined;
  summary: string | undefined;
  lon: number;
  lat: number;
};

const COMPARED = ['enterpriseId', 'filed', 'medium', 'severity', 'penalty', 'status', 'summary', 'lon', 'lat'];

export const casesKind = defineKind<CaseRecord>({
  kind: 'cases',
  label: { zh: '违法案件', en: 'violation case' },
  columns: [
    {
      key: 'caseNo',
      header: '案件编号',
      aliases: ['案号', '立案编号', '文书编号'],
      required: true,
      example: '衢环罚〔2026〕12号',
    },
    usccColumn(),
    { key: 'filed', header: '立案日期', aliases: ['立案时间', 'filedDate'], required: true, example: '2026-03-15' },
    { key: 'medium', header: '环境要素', aliases: ['污染类型', '违法类型'], required: true, example: '水' },
    { key: 'severity', header: '严重程度', aliases: ['案件等级', '等级'], required: true, example: '一般' },
    { key: 'penalty', header: '罚款金额(元)', aliases: ['罚款', '罚款金额', 'fine'], example: '50000' },
    { key: 'status', header: '办理状态', aliases: ['状态', '案件状态'], example: '已结案' },
    { key: 'summary', header: '案情摘要', aliases: ['摘要', '案由', '违法事实'], example: '超标排放废水' },
    lonColumn(false, ''),
    latColumn(false, ''),
  ],
  geometry: POINT_GEOMETRY,
  needs: ['regions'],
  prepare: prepareEnterprises,

  validate(r, ref) {
    const caseNo = r.text('caseNo', { required: true, max: 64 });
    const enterprise = readEnterprise(r, ref, { required: true });
    const filed = r.date('filed', { required: true });
    const medium = r.choice('medium', MEDIUM, { required: true });
    const severity = r.choice('severity', SEVERITY, { required: true });
    const penalty = r.number('penalty', { min: 0, max: 1e9 });
    const status = r.choice('status', STATUS);
    const summary = r.text('summary', { max: 2000 });
    // Where it happened defaults to the enterprise's location.
    const point = ref.point(r, POINT_KEYS);
    if (!r.ok || !caseNo || !enterprise || !filed || !medium || !severity) return null;
    return {
      caseNo,
      enterpriseId: enterprise.id,
      filed,
      medium,
      severity,
      penalty: penalty ?? (penalty === null ? 0 : undefined),
      status: status ?? (status === null ? 'open' : undefined),
      summary: summary ?? (summary === null ? '' : undefined),
      lon: point ? point[0] : enterprise.lon,
      lat: point ? point[1] : enterprise.lat,
    };
  },
  key: (c) => c.caseNo,
  keyColumn: 'caseNo',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = new Map<string, Record<string, unknown>>();
    for (const part of chunked(recs, 5_000)) {
      const rows = await db
        .select()
        .from(violationCases)
        .where(
          inArray(
            violationCases.caseNo,
            part.map((c) => c.caseNo),
          ),
        );
      for (const row of rows) stored.set(row.caseNo, row);
    }
    const changed: Record<string, unknown>[] = [];
    const touched = new Set<number>();
    for (const c of recs) {
      const old = stored.get(c.caseNo) as (typeof violationCases.$inferSelect & Record<string, unknown>) | undefined;
      const next = {
        caseNo: c.caseNo,
        enterpriseId: c.enterpriseId,
        filed: c.filed,
        medium: c.medium,
        severity: c.severity,
        penalty: pick(c.penalty, old?.penalty, 0),
        status: pick(c.status, old?.status, 'open'),
        summary: pick(c.summary, old?.summary, ''),
        lon: c.lon,
        lat: c.lat,
        h3: latLngToCell(c.lat, c.lon, H3_RESOLUTION),
      };
      if (old && sameRow(old, next, COMPARED)) {
        stats.unchanged++;
        continue;
      }
      changed.push(next);
      touched.add(c.enterpriseId);
      if (old) {
        stats.updated++;
        // A case moved to another enterprise changes the old one's code too.
        touched.add(old.enterpriseId);
      } else stats.inserted++;
    }
    if (ctx.apply) await upsertRows(db, violationCases, changed, { conflict: ['caseNo'] });
    stats.touched = [...touched];
    return stats;
  },
});
