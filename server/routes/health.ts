import { createRoute, z } from '@hono/zod-openapi';
import { getDataVersion, getMeta } from '../db/meta';
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
    const [dataVersion, demo, asOf] = await Promise.all([getDataVersion(db), getMeta(db, 'demo'), getMeta(db, 'asOf')]);
    return c.json({ status: 'ok' as const, db: dbKind, version, dataVersion, demo: demo === 'true', asOf }, 200);
  },
);
