import { inArray } from 'drizzle-orm';
import { findings } from '../../../db/schema';
import { insertRows, updateRowsById } from '../recordset';
import { chunked, defineKind, emptyStats, prepareEnterprises, readEnterprise, sameRow, usccColumn } from './common';

const SOURCE = {
  inspection: ['现场检查', '执法检查', '检查', '日常检查'],
  third_party: ['第三方体检', '第三方', '环保管家', '环保体检'],
};

export type FindingRecord = {
  enterpriseId: number;
  source: keyof typeof SOURCE;
  description: string;
  found: string;
  deadline: string;
  rectified: string | null | undefined;
};

// No finding number in the schema: the enterprise, source, day found and text identify one.
const keyOf = (f: { enterpriseId: number; source: string; found: string; description: string }) =>
  `${f.enterpriseId}|${f.source}|${f.found}|${f.description}`;

export const findingsKind = defineKind<FindingRecord>({
  kind: 'findings',
  label: { zh: '检查发现问题', en: 'finding' },
  columns: [
    usccColumn(),
    { key: 'source', header: '问题来源', aliases: ['来源'], required: true, example: '第三方体检' },
    {
      key: 'description',
      header: '问题描述',
      aliases: ['描述', '问题'],
      required: true,
      example: '危废仓库标识不规范',
    },
    { key: 'found', header: '发现日期', aliases: ['检查日期'], required: true, example: '2026-03-02' },
    { key: 'deadline', header: '整改期限', aliases: ['整改截止日期', '期限'], required: true, example: '2026-04-02' },
    { key: 'rectified', header: '整改完成日期', aliases: ['完成日期', '整改日期'], example: '' },
  ],
  needs: [],
  prepare: prepareEnterprises,

  validate(r, ref) {
    const enterprise = readEnterprise(r, ref, { required: true });
    const source = r.choice('source', SOURCE, { required: true });
    const description = r.text('description', { required: true, max: 2000 });
    const found = r.date('found', { required: true });
    const deadline = r.date('deadline', { required: true });
    const rectified = r.date('rectified');
    if (found && deadline && deadline < found)
      r.fail('deadline', '整改期限早于发现日期（deadline before the finding）');
    if (found && rectified && rectified < found)
      r.fail('rectified', '整改完成日期早于发现日期（rectified before found）');
    if (!r.ok || !enterprise || !source || !description || !found || !deadline) return null;
    return { enterpriseId: enterprise.id, source, description, found, deadline, rectified };
  },
  key: keyOf,
  keyColumn: 'description',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = new Map<string, typeof findings.$inferSelect>();
    for (const ids of chunked([...new Set(recs.map((f) => f.enterpriseId))], 5_000)) {
      for (const row of await db.select().from(findings).where(inArray(findings.enterpriseId, ids))) {
        stored.set(keyOf(row), row);
      }
    }
    const inserts: Record<string, unknown>[] = [];
    const updates: Record<string, unknown>[] = [];
    const touched = new Set<number>();
    for (const f of recs) {
      const old = stored.get(keyOf(f));
      const next = {
        enterpriseId: f.enterpriseId,
        source: f.source,
        description: f.description,
        found: f.found,
        deadline: f.deadline,
        // An absent column keeps the stored date; a blank cell means not rectified (yet).
        rectified: f.rectified !== undefined ? f.rectified : (old?.rectified ?? null),
      };
      if (old && sameRow(old, next, ['deadline', 'rectified'])) {
        stats.unchanged++;
        continue;
      }
      touched.add(f.enterpriseId);
      if (old) {
        updates.push({ id: old.id, deadline: next.deadline, rectified: next.rectified });
        stats.updated++;
      } else {
        inserts.push(next);
        stats.inserted++;
      }
    }
    if (ctx.apply) {
      await insertRows(db, findings, inserts);
      await updateRowsById(db, findings, updates);
    }
    stats.touched = [...touched];
    return stats;
  },
});
