import { createRoute, z } from '@hono/zod-openapi';
import { isPrivileged } from '../context';
import { BUREAU_TZ, boundInstant } from '../domain/dates';
import { FLAG_KINDS } from '../domain/online-integrity';
import { isoDate, jsonResponses, signedInJsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { requireRole } from '../http/session';
import { flagCounts, flaggedEnterprises, listFlags, openSince } from '../services/online/flags';

const Kind = z.enum(FLAG_KINDS);
const Instant = z.union([
  isoDate,
  z.iso.datetime({
    offset: true,
    message: '时间应为 ISO 8601（带时区）或 YYYY-MM-DD (ISO 8601 with offset, or a date)',
  }),
]);
const id = z.coerce.number().int().positive().max(2_147_483_647);

const Query = z.object({
  outlet: id.optional(),
  enterprise: id.optional(),
  kind: Kind.optional(),
  from: Instant.optional().openapi({ description: '与 [from, to] 有交集的标记；日期按本局时区当日 0 点' }),
  to: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(500),
});

const Counts = z.object({
  total: z.number(),
  enterprises: z.number(),
  byKind: z.record(Kind, z.number()),
  since: z.string(),
});

const Flag = z.object({
  id: z.number(),
  outletId: z.number(),
  outletCode: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  pollutant: z.string(),
  kind: Kind,
  from: z.string(),
  to: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  evidence: z.record(z.string(), z.unknown()),
  rulesVersion: z.string(),
});

/** Integrity flags of online monitoring data (在线监测数据异常): evidence for inspectors. */
export const onlineFlagsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/flags',
      tags: ['online'],
      request: { query: Query },
      responses: jsonResponses(
        z.object({ items: z.array(Flag).optional(), total: z.number().optional(), open: Counts }),
        '在线监测数据异常标记（证据，不计入三色码）；公众仅见数量 / integrity flags; the public gets counts only',
      ),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.get('deps').db;
      const openFrom = await openSince(c.get('deps').db, BUREAU_TZ);
      const open = { ...(await flagCounts(db, openFrom)), since: openFrom };
      if (!isPrivileged(c.get('role'))) return c.json({ open }, 200);
      const { items, total } = await listFlags(db, {
        ...q,
        from: q.from === undefined ? undefined : boundInstant(q.from).toISOString(),
        to: q.to === undefined ? undefined : boundInstant(q.to, true).toISOString(),
        tz: BUREAU_TZ,
      });
      return c.json({ items, total, open }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/flags/enterprises',
      tags: ['online'],
      middleware: [requireRole('analyst', 'leader', 'admin')] as const,
      responses: signedInJsonResponses(
        z.object({ since: z.string(), items: z.array(z.object({ id: z.number(), kinds: z.array(Kind) })) }),
        '有未过期数据异常标记的企业（地图筛选“监测数据异常”）',
      ),
    }),
    async (c) => {
      const openFrom = await openSince(c.get('deps').db, BUREAU_TZ);
      return c.json({ since: openFrom, items: await flaggedEnterprises(c.get('deps').db, openFrom) }, 200);
    },
  );
