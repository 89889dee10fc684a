import { z } from '@hono/zod-openapi';
import { isCalendarDay } from '../domain/dates';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string().optional(), message: z.string() }).passthrough()),
    }),
  })
  .openapi('Error');

/** `responses` entry for a JSON body plus the error answers every route can give. */
export function jsonResponses<T extends z.ZodType>(schema: T, description: string) {
  return {
    200: { content: { 'application/json': { schema } }, description },
    400: {
      content: { 'application/json': { schema: ErrorSchema } },
      description: '输入无效 / invalid input',
    },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: '未找到 / not found' },
  } as const;
}

/** jsonResponses for a route only signed-in users may call: the public gets a documented 401. */
export function signedInJsonResponses<T extends z.ZodType>(schema: T, description: string) {
  return {
    ...jsonResponses(schema, description),
    401: { content: { 'application/json': { schema: ErrorSchema } }, description: '未登录 / login required' },
  } as const;
}

export const featureCollection = <P extends z.ZodType>(properties: P) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        geometry: z.any(),
        properties,
      }),
    ),
  });

/** Integer id in a path, rejected with 400 unless it is a positive 32-bit integer. */
export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

/** Dates outside these years are typos or probes (year 0000 is not even a PostgreSQL date). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)')
  .refine(isCalendarDay, '日期无效 (invalid date)')
  .refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, `日期须在 ${MIN_YEAR}–${MAX_YEAR} 年之间 (date must be between the years ${MIN_YEAR} and ${MAX_YEAR})`)
  .openapi({ format: 'date' });

/** A date in an answer: YYYY-MM-DD of the bureau's calendar. */
export const dayOut = z.string().openapi({ format: 'date', example: '2026-06-10' });

/** An instant in an answer: ISO 8601 with the bureau's offset (server/domain/dates formatInstant). */
export const instantOut = z.string().openapi({ format: 'date-time', example: '2026-06-10T08:00:00+08:00' });

/** Query booleans arrive as text. */
export const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
