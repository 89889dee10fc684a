import { inArray } from 'drizzle-orm';
import { insurancePolicies } from '../../../db/schema';
import { upsertRows } from '../recordset';
import {
  chunked,
  defineKind,
  emptyStats,
  pick,
  prepareEnterprises,
  readEnterprise,
  sameRow,
  usccColumn,
} from './common';

const RISK = { low: ['低', '低风险'], medium: ['中', '中风险', '一般'], high: ['高', '高风险', '较大', '重大'] };

export type PolicyRecord = {
  policyNo: string;
  enterpriseId: number;
  insurer: string;
  stewardOrg: string | null | undefined;
  start: string;
  end: string;
  premium: number;
  subsidyRate: number | null | undefined;
  subsidyPayer: string | null | undefined;
  riskLevel: keyof typeof RISK;
};

const COMPARED = ['enterpriseId', 'insurer', 'stewardOrg', 'start', 'end', 'premium', 'subsidyPayer', 'riskLevel'];

export const insuranceKind = defineKind<PolicyRecord>({
  kind: 'insurance',
  label: { zh: '环境污染责任保险', en: 'insurance policy' },
  columns: [
    {
      key: 'policyNo',
      header: '保单号',
      aliases: ['保单编号', 'policy'],
      required: true,
      example: 'PICC-QZ-2026-0001',
    },
    usccColumn(),
    { key: 'insurer', header: '保险公司', aliases: ['承保机构', '承保公司'], required: true, example: '人保财险' },
    {
      key: 'stewardOrg',
      header: '第三方服务机构',
      aliases: ['环保管家', '第三方机构', 'steward'],
      example: '衢州市示例环保技术服务有限公司',
    },
    { key: 'start', header: '起保日期', aliases: ['保险起期', '开始日期'], required: true, example: '2026-01-01' },
    { key: 'end', header: '终保日期', aliases: ['保险止期', '结束日期'], required: true, example: '2026-12-31' },
    { key: 'premium', header: '保费(元)', aliases: ['保费', '保险费'], required: true, example: '20000' },
    { key: 'subsidyRate', header: '补贴比例', aliases: ['财政补贴比例'], example: '30%' },
    { key: 'subsidyPayer', header: '补贴方', aliases: ['补贴单位'], example: '柯城区财政局' },
    { key: 'riskLevel', header: '风险等级', aliases: ['环境风险等级', 'risk'], required: true, example: '中' },
  ],
  needs: [],
  prepare: prepareEnterprises,

  validate(r, ref) {
    const policyNo = r.text('policyNo', { required: true, max: 64 });
    const enterprise = readEnterprise(r, ref, { required: true });
    const insurer = r.text('insurer', { required: true, max: 100 });
    const stewardOrg = r.text('stewardOrg', { max: 100 });
    const start = r.date('start', { required: true });
    const end = r.date('end', { required: true });
    if (start && end && end < start) r.fail('end', '终保日期早于起保日期（policy ends before it starts）');
    const premium = r.number('premium', { required: true, min: 0, max: 1e8 });
    const subsidyRate = r.number('subsidyRate', { min: 0, max: 1, percent: true });
    const subsidyPayer = r.text('subsidyPayer', { max: 100 });
    const riskLevel = r.choice('riskLevel', RISK, { required: true });
    if (!r.ok || !policyNo || !enterprise || !insurer || !start || !end || premium == null || !riskLevel) return null;
    return {
      policyNo,
      enterpriseId: enterprise.id,
      insurer,
      stewardOrg,
      start,
      end,
      premium,
      subsidyRate,
      subsidyPayer,
      riskLevel,
    };
  },
  key: (p) => p.policyNo,
  keyColumn: 'policyNo',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = new Map<string, Record<string, unknown>>();
    for (const part of chunked(recs, 5_000)) {
      const rows = await db
        .select()
        .from(insurancePolicies)
        .where(
          inArray(
            insurancePolicies.policyNo,
            part.map((p) => p.policyNo),
          ),
        );
      for (const row of rows) stored.set(row.policyNo, row);
    }
    const changed: Record<string, unknown>[] = [];
    const touched = new Set<number>();
    for (const p of recs) {
      const old = stored.get(p.policyNo) as
        | (typeof insurancePolicies.$inferSelect & Record<string, unknown>)
        | undefined;
      const next = {
        policyNo: p.policyNo,
        enterpriseId: p.enterpriseId,
        insurer: p.insurer,
        stewardOrg: pick(p.stewardOrg, old?.stewardOrg, null),
        start: p.start,
        end: p.end,
        premium: p.premium,
        subsidyRate: pick(p.subsidyRate ?? (p.subsidyRate === null ? 0 : undefined), old?.subsidyRate, 0),
        subsidyPayer: pick(p.subsidyPayer, old?.subsidyPayer, null),
        riskLevel: p.riskLevel,
      };
      if (old && sameRow(old, next, COMPARED) && sameRow(old, next, ['subsidyRate'], ['subsidyRate'])) {
        stats.unchanged++;
        continue;
      }
      changed.push(next);
      // Insurance with a steward earns points and sets the `insured` flag: recompute both owners.
      touched.add(p.enterpriseId);
      if (old) {
        stats.updated++;
        touched.add(old.enterpriseId);
      } else stats.inserted++;
    }
    if (ctx.apply) await upsertRows(db, insurancePolicies, changed, { conflict: ['policyNo'] });
    stats.touched = [...touched];
    return stats;
  },
});
