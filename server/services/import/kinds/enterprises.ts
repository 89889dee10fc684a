import { inArray } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { enterprises } from '../../../db/schema';
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
  readPhone,
  readUscc,
  sameRow,
  usccColumn,
} from './common';

/** The seed's resolution: enterprises and events share cells. */
export const H3_RESOLUTION = 9;

const STATUS = {
  operating: ['在产', '正常', '营业', '生产', '运营'],
  suspended: ['停产', '停业', '临时停产'],
  closed: ['关闭', '关停', '注销', '已关闭'],
};

type Status = keyof typeof STATUS;

export type EnterpriseRecord = {
  uscc: string;
  name: string;
  address: string;
  lon: number;
  lat: number;
  countyCode: string;
  townCode: string | null;
  gridId: number | null;
  parkId: number | null;
  industryCode: string;
  keyPollutant: boolean | undefined;
  status: Status | undefined;
  contactName: string | null | undefined;
  contactPhone: string | null | undefined;
};

const COMPARED = [
  'name',
  'address',
  'lon',
  'lat',
  'sourceCrs',
  'countyCode',
  'townCode',
  'parkId',
  'gridId',
  'industryCode',
  'keyPollutant',
  'status',
  'contactName',
  'contactPhone',
] as const;

export const enterprisesKind = defineKind<EnterpriseRecord>({
  kind: 'enterprises',
  label: { zh: '企业', en: 'enterprise' },
  columns: [
    usccColumn(),
    {
      key: 'name',
      header: '企业名称',
      aliases: ['单位名称', '名称'],
      required: true,
      example: '衢州市示例化工有限公司',
    },
    {
      key: 'address',
      header: '地址',
      aliases: ['详细地址', '企业地址'],
      required: true,
      example: '浙江省衢州市柯城区府山街道示例路1号',
    },
    lonColumn(true, '118.87152'),
    latColumn(true, '28.96862'),
    {
      key: 'industryCode',
      header: '行业代码',
      aliases: ['国民经济行业代码', 'industry'],
      required: true,
      example: 'C266',
    },
    { key: 'keyPollutant', header: '重点排污单位', aliases: ['是否重点排污单位', '重点排污'], example: '是' },
    { key: 'status', header: '经营状态', aliases: ['状态'], example: '在产' },
    { key: 'county', header: '区县', aliases: ['区县代码', '所属区县', 'countyCode'], example: '330802' },
    { key: 'park', header: '所属园区', aliases: ['园区', 'parkName'], example: '' },
    { key: 'contactName', header: '联系人', aliases: ['contact'], example: '张三' },
    { key: 'contactPhone', header: '联系电话', aliases: ['电话', 'phone'], example: '0570-1234567' },
  ],
  geometry: POINT_GEOMETRY,
  needs: ['regions', 'grids', 'parks', 'industries'],

  validate(r, ref) {
    const uscc = readUscc(r, 'uscc', { required: true });
    const name = r.text('name', { required: true, max: 200 });
    const address = r.text('address', { required: true, max: 300 });
    const point = ref.point(r, POINT_KEYS, { required: true });
    const industryCode = r.code('industryCode', {
      required: true,
      pattern: /^[A-T](\d{2}|\d{3}|\d{4})?$/,
      hint: '行业代码应为 GB/T 4754-2017 代码，如 C266（industry must be a GB/T 4754-2017 code）',
    });
    if (industryCode && !ref.industries.has(industryCode)) {
      r.fail('industryCode', '未知的行业代码（unknown GB/T 4754-2017 industry code）');
    }
    const keyPollutant = r.bool('keyPollutant');
    const status = r.choice('status', STATUS);
    const county = ref.county(r, 'county');
    const parkName = r.text('park', { max: 100 });
    const park = parkName ? ref.parkByName.get(parkName) : undefined;
    if (parkName && !park) r.fail('park', '未知的园区名称（unknown park）');
    const contactName = r.text('contactName', { max: 50 });
    const contactPhone = readPhone(r, 'contactPhone');

    const place = point ? ref.locate(point[0], point[1]) : undefined;
    if (place && county && county !== place.countyCode) {
      const at = ref.countyByCode.get(place.countyCode)?.name ?? place.countyCode;
      r.fail(
        'county',
        `坐标位于${at}，与所填区县不符（the point lies in ${place.countyCode}, not in the given county）`,
      );
    }
    if (!r.ok || !uscc || !name || !address || !point || !place || !industryCode) return null;
    return {
      uscc,
      name,
      address,
      lon: point[0],
      lat: point[1],
      countyCode: place.countyCode,
      townCode: place.townCode,
      gridId: place.gridId,
      // A declared park wins: outlines are drawn roughly and firms sit on their edges.
      parkId: park?.id ?? place.parkId,
      industryCode,
      keyPollutant: keyPollutant ?? (keyPollutant === null ? false : undefined),
      status: status ?? (status === null ? 'operating' : undefined),
      contactName,
      contactPhone,
    };
  },
  key: (e) => e.uscc,
  keyColumn: 'uscc',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = new Map<string, Record<string, unknown>>();
    for (const part of chunked(recs, 5_000)) {
      const rows = await db
        .select()
        .from(enterprises)
        .where(
          inArray(
            enterprises.uscc,
            part.map((e) => e.uscc),
          ),
        );
      for (const row of rows) stored.set(row.uscc, row);
    }
    const changed: Record<string, unknown>[] = [];
    for (const e of recs) {
      const old = stored.get(e.uscc) as (typeof enterprises.$inferSelect & Record<string, unknown>) | undefined;
      const next = {
        uscc: e.uscc,
        name: e.name,
        address: e.address,
        lon: e.lon,
        lat: e.lat,
        sourceCrs: ctx.crs,
        h3: latLngToCell(e.lat, e.lon, H3_RESOLUTION),
        countyCode: e.countyCode,
        townCode: e.townCode,
        parkId: e.parkId,
        gridId: e.gridId,
        industryCode: e.industryCode,
        keyPollutant: pick(e.keyPollutant, old?.keyPollutant, false),
        status: pick(e.status, old?.status, 'operating'),
        contactName: pick(e.contactName, old?.contactName, null),
        contactPhone: pick(e.contactPhone, old?.contactPhone, null),
        updatedAt: ctx.now,
      };
      if (old && sameRow(old, next, [...COMPARED])) stats.unchanged++;
      else {
        changed.push(next);
        if (old) stats.updated++;
        else stats.inserted++;
      }
    }
    if (!ctx.apply) return stats;
    const written = await upsertRows<{ id: number }>(db, enterprises, changed, {
      conflict: ['uscc'],
      returning: ['id'],
    });
    // New enterprises need a first code; changed ones may have moved county or park, which the code ignores,
    // but recomputing them keeps "touched enterprises" simple to reason about.
    stats.touched = written.map((w) => Number(w.id));
    return stats;
  },
});
