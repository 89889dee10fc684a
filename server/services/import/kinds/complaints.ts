import { and, gte, inArray, lte } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { complaints } from '../../../db/schema';
import { insertRows, updateRowsById } from '../recordset';
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
  readPhone,
  sameRow,
  usccColumn,
} from './common';
import { H3_RESOLUTION } from './enterprises';

const CHANNEL = { '12345': ['12345热线', '12345政务热线'], '12369': ['12369热线', '12369环保热线'] };

export type ComplaintRecord = {
  channel: keyof typeof CHANNEL;
  received: string;
  summary: string;
  enterpriseId: number | null;
  verified: boolean | undefined;
  lon: number;
  lat: number;
  complainantName: string | null | undefined;
  complainantPhone: string | null | undefined;
};

// The schema has no ticket number, so a complaint is identified by channel, day, text and enterprise.
const keyOf = (c: { channel: string; received: string; summary: string; enterpriseId: number | null }) =>
  `${c.channel}|${c.received}|${c.enterpriseId ?? ''}|${c.summary}`;

const COMPARED = ['verified', 'lon', 'lat', 'complainantName', 'complainantPhone'];

export const complaintsKind = defineKind<ComplaintRecord>({
  kind: 'complaints',
  label: { zh: '信访投诉', en: 'complaint' },
  columns: [
    { key: 'channel', header: '投诉渠道', aliases: ['渠道', '来源渠道'], required: true, example: '12369' },
    { key: 'received', header: '受理日期', aliases: ['投诉日期', '日期'], required: true, example: '2026-04-08' },
    {
      key: 'summary',
      header: '投诉内容',
      aliases: ['内容', '诉求内容', '摘要'],
      required: true,
      example: '夜间异味扰民',
    },
    { key: 'verified', header: '是否属实', aliases: ['属实', '核实结果'], example: '是' },
    {
      ...usccColumn(false),
      header: '被投诉企业统一社会信用代码',
      aliases: ['统一社会信用代码', '社会信用代码', '信用代码'],
    },
    lonColumn(false, '118.87152'),
    latColumn(false, '28.96862'),
    { key: 'complainantName', header: '投诉人', aliases: ['投诉人姓名'], example: '李四' },
    { key: 'complainantPhone', header: '投诉人电话', aliases: ['联系电话'], example: '0570-7654321' },
  ],
  geometry: POINT_GEOMETRY,
  needs: ['regions'],
  prepare: prepareEnterprises,

  validate(r, ref) {
    const channel = r.choice('channel', CHANNEL, { required: true });
    const received = r.date('received', { required: true });
    const summary = r.text('summary', { required: true, max: 2000 });
    const verified = r.bool('verified');
    const enterprise = readEnterprise(r, ref);
    const point = ref.point(r, POINT_KEYS);
    const complainantName = r.text('complainantName', { max: 50 });
    const complainantPhone = readPhone(r, 'complainantPhone');
    const where = point ?? (enterprise ? ([enterprise.lon, enterprise.lat] as [number, number]) : null);
    if (r.ok && !where) r.fail('lon', '缺少坐标，且未关联企业（give coordinates or the enterprise）');
    if (!r.ok || !channel || !received || !summary || !where) return null;
    return {
      channel,
      received,
      summary,
      enterpriseId: enterprise?.id ?? null,
      verified: verified ?? (verified === null ? false : undefined),
      lon: where[0],
      lat: where[1],
      complainantName,
      complainantPhone,
    };
  },
  key: keyOf,
  keyColumn: 'summary',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const days = recs.map((c) => c.received).sort();
    const stored = new Map<string, typeof complaints.$inferSelect>();
    for (const channels of chunked([...new Set(recs.map((c) => c.channel))], 10)) {
      const rows = await db
        .select()
        .from(complaints)
        .where(
          and(
            inArray(complaints.channel, channels),
            gte(complaints.received, days[0]),
            lte(complaints.received, days[days.length - 1]),
          ),
        );
      for (const row of rows) stored.set(keyOf(row), row);
    }
    const inserts: Record<string, unknown>[] = [];
    const updates: Record<string, unknown>[] = [];
    const touched = new Set<number>();
    for (const c of recs) {
      const old = stored.get(keyOf(c));
      const next = {
        channel: c.channel,
        received: c.received,
        summary: c.summary,
        enterpriseId: c.enterpriseId,
        verified: pick(c.verified, old?.verified, false),
        lon: c.lon,
        lat: c.lat,
        h3: latLngToCell(c.lat, c.lon, H3_RESOLUTION),
        complainantName: pick(c.complainantName, old?.complainantName, null),
        complainantPhone: pick(c.complainantPhone, old?.complainantPhone, null),
      };
      if (old && sameRow(old, next, COMPARED)) {
        stats.unchanged++;
        continue;
      }
      if (c.enterpriseId !== null) touched.add(c.enterpriseId);
      if (old) {
        updates.push({ id: old.id, ...next });
        stats.updated++;
      } else {
        inserts.push(next);
        stats.inserted++;
      }
    }
    if (ctx.apply) {
      await insertRows(db, complaints, inserts);
      await updateRowsById(db, complaints, updates);
    }
    stats.touched = [...touched];
    return stats;
  },
});
