import { inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../../db/client';
import { outletPollutants, outlets } from '../../../db/schema';
import { BUREAU_TZ } from '../../../domain/dates';
import { POLLUTANT_CODES } from '../../../domain/hj212';
import { rejudgeOutlets } from '../../online/ingest';
import { ImportFileError } from '../errors';
import { upsertRows } from '../recordset';
import { defineKind, emptyStats, prepareEnterprises, readEnterprise, sameRow, usccColumn } from './common';

// One row per outlet and monitored pollutant: the outlet's columns repeat on each of its rows.
export type OutletRecord = {
  enterpriseId: number;
  code: string;
  name: string | null | undefined;
  mn: string;
  pw: string;
  medium: 'water' | 'gas';
  pollutant: string;
  pollutantName: string;
  unit: string;
  limit: number | null | undefined;
  range: number | null | undefined;
  detectionLimit: number | null | undefined;
};

const MEDIUM = { water: ['废水', '水'], gas: ['废气', '气'] };

export const outletsKind = defineKind<OutletRecord>({
  kind: 'outlets',
  label: { zh: '排放口', en: 'outlet' },
  columns: [
    usccColumn(),
    { key: 'code', header: '排放口编号', aliases: ['排口编号', 'outletCode'], required: true, example: 'DW001' },
    { key: 'name', header: '排放口名称', aliases: ['排口名称', 'outletName'], example: '废水总排口' },
    {
      key: 'mn',
      header: '数采仪MN',
      aliases: ['MN', '设备编号', '数采仪编号'],
      required: true,
      example: 'QZ000000000101',
    },
    { key: 'pw', header: '访问密码', aliases: ['PW', '密码'], required: true, example: '123456' },
    { key: 'medium', header: '类型', aliases: ['排放类型', 'medium'], required: true, example: '废水' },
    {
      key: 'pollutant',
      header: '污染物编码',
      aliases: ['因子编码', 'pollutantCode'],
      required: true,
      example: 'w01018',
    },
    { key: 'pollutantName', header: '污染物名称', aliases: ['因子名称'], example: '化学需氧量' },
    { key: 'unit', header: '单位', aliases: ['计量单位'], example: 'mg/L' },
    { key: 'limit', header: '许可排放限值', aliases: ['排放限值', '限值'], example: '100' },
    { key: 'range', header: '仪器量程', aliases: ['量程'], example: '500' },
    { key: 'detectionLimit', header: '检出限', aliases: ['方法检出限'], example: '4' },
  ],
  needs: [],
  prepare: prepareEnterprises,

  validate(r, ref) {
    const enterprise = readEnterprise(r, ref, { required: true });
    const code = r.code('code', {
      required: true,
      pattern: /^[0-9A-Z-]{1,32}$/,
      hint: '排放口编号为 1–32 位字母数字（1–32 letters or digits）',
    });
    const name = r.text('name', { max: 100 });
    const mn = r.code('mn', {
      required: true,
      pattern: /^[0-9A-Z]{1,24}$/,
      hint: 'MN 为 1–24 位字母数字（MN: 1–24 letters or digits）',
    });
    const pw = r.text('pw', { required: true, max: 16 });
    if (pw && !/^[\x21-\x7e]{1,16}$/.test(pw))
      r.fail('pw', '密码为 1–16 位可打印 ASCII 字符（PW: 1–16 printable ASCII characters）');
    const medium = r.choice('medium', MEDIUM, { required: true });
    const raw = r.text('pollutant', { required: true, max: 16 });
    const pollutant = raw && /^[a-z]\d{5}$/i.test(raw.trim()) ? raw.trim().toLowerCase() : null;
    if (raw && !pollutant) r.fail('pollutant', 'HJ 212 污染物编码如 w01018（HJ 212 pollutant code such as w01018）');
    const known = pollutant ? POLLUTANT_CODES[pollutant] : undefined;
    const pollutantName = r.text('pollutantName', { max: 50 }) ?? known?.zh;
    const unit = r.text('unit', { max: 20 }) ?? known?.unit;
    if (pollutant && !pollutantName)
      r.fail('pollutantName', '未知编码需填写污染物名称（name required for an unknown code）');
    if (pollutant && !unit) r.fail('unit', '未知编码需填写单位（unit required for an unknown code）');
    const limit = r.number('limit', { min: 0, max: 1e9 });
    const range = r.number('range', { min: 0, max: 1e9 });
    const detectionLimit = r.number('detectionLimit', { min: 0, max: 1e9 });
    if (!r.ok || !enterprise || !code || !mn || !pw || !medium || !pollutant || !pollutantName || !unit) return null;
    return {
      enterpriseId: enterprise.id,
      code,
      name,
      mn,
      pw,
      medium,
      pollutant,
      pollutantName,
      unit,
      limit,
      range,
      detectionLimit,
    };
  },
  key: (o) => `${o.mn}|${o.pollutant}`,
  keyColumn: 'pollutant',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    // The outlet's own columns must agree across its rows.
    const byMn = new Map<string, OutletRecord>();
    for (const o of recs) {
      const first = byMn.get(o.mn);
      if (!first) byMn.set(o.mn, o);
      else if (!sameRow(first, o, ['enterpriseId', 'code', 'pw', 'medium'])) {
        throw new ImportFileError(
          'inconsistent_outlet',
          `数采仪 ${o.mn} 的各行企业、编号、密码或类型不一致（rows of MN ${o.mn} disagree on enterprise, code, PW or medium）`,
        );
      }
    }
    const mns = [...byMn.keys()];
    const stored = new Map((await db.select().from(outlets).where(inArray(outlets.mn, mns))).map((o) => [o.mn, o]));
    // An enterprise's outlet code belongs to one MN.
    const taken = rowsOf<{ mn: string; enterprise_id: number; code: string }>(
      await db.execute(sql`
        select o.mn, o.enterprise_id, o.code from outlets o
          join jsonb_to_recordset(${JSON.stringify([...byMn.values()].map((o) => ({ e: o.enterpriseId, c: o.code })))}::jsonb)
            as x(e integer, c text) on o.enterprise_id = x.e and o.code = x.c`),
    );
    for (const t of taken) {
      const mine = byMn.get(t.mn);
      if (!mine || mine.code !== t.code || mine.enterpriseId !== t.enterprise_id) {
        throw new ImportFileError(
          'outlet_code_taken',
          `企业已有编号为 ${t.code} 的排放口（数采仪 ${t.mn}）（outlet code ${t.code} already belongs to MN ${t.mn}）`,
        );
      }
    }
    const changedOutlets = [...byMn.values()]
      .filter((o) => {
        const old = stored.get(o.mn);
        return (
          !old || !sameRow(old, { ...o, name: o.name ?? old.name }, ['enterpriseId', 'code', 'name', 'pw', 'medium'])
        );
      })
      .map((o) => ({
        enterpriseId: o.enterpriseId,
        code: o.code,
        name: o.name ?? stored.get(o.mn)?.name ?? null,
        mn: o.mn,
        pw: o.pw,
        medium: o.medium,
      }));
    const ids = new Map<string, number>([...stored.values()].map((o) => [o.mn, o.id]));
    if (ctx.apply && changedOutlets.length > 0) {
      const written = await upsertRows<{ id: number; mn: string }>(db, outlets, changedOutlets, {
        conflict: ['mn'],
        returning: ['id', 'mn'],
      });
      for (const w of written) ids.set(w.mn, Number(w.id));
    }
    const storedPollutants = new Map<string, Record<string, unknown>>();
    const known = [...ids.values()];
    if (known.length > 0) {
      for (const p of await db.select().from(outletPollutants).where(inArray(outletPollutants.outletId, known))) {
        storedPollutants.set(`${p.outletId}|${p.code}`, p);
      }
    }
    const changedPollutants: Record<string, unknown>[] = [];
    for (const o of recs) {
      const outletId = ids.get(o.mn);
      const old = outletId !== undefined ? storedPollutants.get(`${outletId}|${o.pollutant}`) : undefined;
      const next = {
        outletId: outletId ?? 0,
        code: o.pollutant,
        name: o.pollutantName,
        unit: o.unit,
        limit: o.limit === undefined ? ((old?.limit as number | null) ?? null) : o.limit,
        range: o.range === undefined ? ((old?.range as number | null) ?? null) : o.range,
        detectionLimit:
          o.detectionLimit === undefined ? ((old?.detectionLimit as number | null) ?? null) : o.detectionLimit,
      };
      const outletChanged = changedOutlets.some((c) => c.mn === o.mn);
      if (old && sameRow(old, next, ['name', 'unit', 'limit', 'range', 'detectionLimit']) && !outletChanged) {
        stats.unchanged++;
        continue;
      }
      if (old) stats.updated++;
      else stats.inserted++;
      changedPollutants.push(next);
    }
    if (ctx.apply) {
      await upsertRows(db, outletPollutants, changedPollutants, { conflict: ['outletId', 'code'] });
      // New limits (or ranges, detection limits) judge the outlet's stored data again.
      const rejudge = [...new Set(changedPollutants.map((p) => p.outletId as number))].filter((id) => id > 0);
      stats.touched = await rejudgeOutlets(db, rejudge, BUREAU_TZ);
      stats.sideEffects = stats.touched.length;
    }
    return stats;
  },
});
