import { createRoute, z } from '@hono/zod-openapi';
import { getMetas } from '../db/meta';
import { dayOut, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';

const Health = z
  .object({
    status: z.literal('ok'),
    db: z.enum(['pglite', 'postgres']),
    version: z.string(),
    dataVersion: z.number().int(),
    demo: z.boolean(),
    asOf: dayOut.nullable(),
  })
  .openapi('Health');

export const healthRouter = createRouter().openapi(
  createRoute({ method: 'get', path: '/', tags: ['system'], responses: jsonResponses(Health, '服务状态') }),
  async (c) => {
    const { db, dbKind, version } = c.get('deps');
    // One query: on PGlite each query may wait behind another caller's, so three would wait thrice.
    const meta = await getMetas(db, ['dataVersion', 'demo', 'asOf'] as const);
    return c.json(
      {
        status: 'ok' as const,
        db: dbKind,
        version,
        dataVersion: Number(meta.dataVersion ?? 0),
        demo: meta.demo === 'true',
        asOf: meta.asOf,
      },
      200,
    );
  },
);
