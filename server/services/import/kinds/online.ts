import type { Db } from '../../../db/client';
import { formatInstant } from '../../../domain/dates';
import { DATA_FLAGS, type UploadKind } from '../../../domain/hj212';
import { refreshExceedances } from '../../online/exceedances';
import { storeValues, type ValueRow } from '../../online/store';
import { defineKind, emptyStats } from './common';

// History of online monitoring values (a platform's export, a logger's memory card): one row per
// outlet, time, pollutant and kind, stored exactly as packets are (same keys, same audit trail).

const KIND: Record<UploadKind, string[]> = {
  hour: ['小时', '小时数据', '2061'],
  day: ['日', '日数据', '2031'],
  minute: ['分钟', '分钟数据', '2051'],
  rtd: ['实时', '实时数据', '2011'],
};
const FLAG_NAMES = Object.fromEntries(DATA_FLAGS.map((f) => [f, [f]])) as Record<(typeof DATA_FLAGS)[number], string[]>;

const STEP_MS: Record<UploadKind, number> = { rtd: 60_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

class Rollback extends Error {}

export const onlineKind = defineKind<ValueRow>({
  kind: 'online',
  label: { zh: '在线监测数据', en: 'online monitoring value' },
  columns: [
    { key: 'mn', header: '数采仪MN', aliases: ['MN', '设备编号'], required: true, example: 'QZ000000000101' },
    {
      key: 'time',
      header: '数据时间',
      aliases: ['监测时间', 'DataTime', '时间'],
      required: true,
      example: '2026-05-01 08:00',
    },
    { key: 'kind', header: '数据类型', aliases: ['类型', 'interval'], example: '小时' },
    {
      key: 'pollutant',
      header: '污染物编码',
      aliases: ['因子编码', 'pollutantCode'],
      required: true,
      example: 'w01018',
    },
    { key: 'avg', header: '均值', aliases: ['Avg', '平均值', '实时值', 'Rtd', '监测值'], example: '35.2' },
    { key: 'min', header: '最小值', aliases: ['Min'], example: '30.1' },
    { key: 'max', header: '最大值', aliases: ['Max'], example: '40.3' },
    { key: 'cou', header: '排放量', aliases: ['Cou', '累计值'], example: '' },
    { key: 'flag', header: '数据标记', aliases: ['Flag', '标记'], example: 'N' },
  ],
  needs: [],
  async prepare(db, ref, values) {
    await ref.loadOutlets(
      db,
      values('mn').map((v) => (v === null ? '' : String(v).normalize('NFKC').replace(/\s+/g, '').toUpperCase())),
    );
  },

  validate(r, ref) {
    const mn = r.code('mn', {
      required: true,
      pattern: /^[0-9A-Z]{1,24}$/,
      hint: 'MN 为 1–24 位字母数字（MN: 1–24 letters or digits）',
    });
    const outlet = mn ? ref.outletByMn.get(mn) : undefined;
    if (mn && !outlet) r.fail('mn', '未知的数采仪 MN，请先导入排放口（unknown MN: import outlets first）');
    const kind = r.choice('kind', KIND) ?? 'hour';
    const time = r.datetime('time', { required: true });
    if (typeof time === 'number') {
      // Beijing period starts: hours on the hour, days at 00:00 Beijing time.
      const beijing = time + 8 * 3_600_000;
      if (beijing % STEP_MS[kind] !== 0)
        r.fail('time', '时间应为该数据类型的整点（整小时、整日或整分钟）（time must start its period）');
      if (time > Date.now() + 3_600_000) r.fail('time', '数据时间在未来（time is in the future）');
    }
    const raw = r.text('pollutant', { required: true, max: 16 });
    const pollutant = raw && /^[a-z]\d{5}$/i.test(raw.trim()) ? raw.trim().toLowerCase() : null;
    if (raw && !pollutant) r.fail('pollutant', 'HJ 212 污染物编码如 w01018（HJ 212 pollutant code such as w01018）');
    const n = (k: string) => r.number(k, { min: -1e9, max: 1e12 }) ?? null;
    const avg = n('avg');
    const min = n('min');
    const max = n('max');
    const cou = n('cou');
    const flag = r.choice('flag', FLAG_NAMES) ?? 'N';
    if (avg === null && min === null && max === null && cou === null)
      r.fail('avg', '至少需要一个数值（at least one value）');
    if (!r.ok || !outlet || typeof time !== 'number' || !pollutant) return null;
    return {
      outletId: outlet.id,
      pollutant,
      kind,
      time: formatInstant(time, 'Asia/Shanghai'),
      avg,
      min,
      max,
      cou,
      flag,
    };
  },
  key: (v) => `${v.outletId}|${v.pollutant}|${v.kind}|${Date.parse(v.time)}`,
  keyColumn: 'time',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const run = async (tx: Db) => {
      const res = await storeValues(tx, recs);
      stats.inserted = res.inserted;
      stats.updated = res.updated;
      stats.unchanged = res.unchanged;
      return res;
    };
    if (!ctx.apply) {
      // A dry run writes and rolls back: the same comparison with what is stored, nothing kept.
      await db
        .transaction(async (tx) => {
          await run(tx as unknown as Db);
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
      return stats;
    }
    const res = await run(db);
    // Exceedance days follow the data; the import pipeline then re-evaluates the touched codes.
    stats.touched = await refreshExceedances(db, res.hourDays);
    stats.sideEffects = stats.touched.length;
    return stats;
  },
});
