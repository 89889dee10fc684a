/**
 * The body of POST /api/hotspots/compute and the checks on it. They run on the worker thread
 * with the computation: parsing and validating 50,000 points is a quarter of a second of CPU
 * that the event loop must not spend (see services/hotspots.ts).
 */
import { z } from '@hono/zod-openapi';
import { estimatedCellCount } from '../domain/hotspots';
import type { ErrorDetail } from './errors';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const ring = z
  .array(z.tuple([lon, lat]))
  .min(4)
  .max(10_000);
export const StudyArea = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(100) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(ring).min(1).max(100)).min(1).max(100),
  }),
]);

export const HotspotComputeBody = z.object({
  res: z.number().int().min(6).max(9),
  studyArea: StudyArea,
  points: z.array(z.object({ lon, lat, weight: z.number().min(0).max(1e6).optional() })).max(500_000),
});
export type HotspotComputeInput = z.infer<typeof HotspotComputeBody>;

/** What one caller may ask of the computation. */
export type ComputeAllowance = { maxCells: number; maxPoints: number; signedIn: boolean };

/** A computation refused or stopped, with the HTTP status and error code it answers with. */
export class ComputeRefused extends Error {
  constructor(
    readonly status: 400 | 429,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** The request body as a checked input, or a ComputeRefused saying why not. */
export function checkedComputeBody(body: Uint8Array, allowance: ComputeAllowance): HotspotComputeInput {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new ComputeRefused(400, 'bad_request', '请求体不是有效的 JSON（malformed JSON in request body）');
  }
  const parsed = HotspotComputeBody.safeParse(json);
  if (!parsed.success)
    throw new ComputeRefused(
      400,
      'invalid_input',
      '输入无效（invalid input）',
      parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const input = parsed.data;
  const { maxCells, maxPoints, signedIn } = allowance;
  const cells = estimatedCellCount(input.studyArea, input.res);
  if (!(cells <= maxCells))
    throw new ComputeRefused(
      400,
      'study_area_too_large',
      `研究区过大（约 ${Math.round(cells)} 个 H3 单元，上限 ${maxCells}${signedIn ? '' : '，登录后上限更高'}），请缩小范围或降低分辨率` +
        `（study area too large: about ${Math.round(cells)} H3 cells, limit ${maxCells}${signedIn ? '' : '; higher when signed in'})`,
    );
  if (input.points.length > maxPoints)
    throw new ComputeRefused(
      400,
      'too_many_points',
      `点位过多（${input.points.length}，上限 ${maxPoints}${signedIn ? '' : '，登录后上限更高'}）` +
        `（too many points: ${input.points.length}, limit ${maxPoints}${signedIn ? '' : '; higher when signed in'})`,
    );
  return input;
}
