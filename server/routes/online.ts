import { createRoute, z } from '@hono/zod-openapi';
import { Hj212Framer } from '../domain/hj212';
import { ApiError } from '../http/errors';
import { ErrorSchema } from '../http/openapi';
import { createRouter } from '../http/router';
import { onlineIngestFor } from '../services/online';

/** A gateway batches a few minutes of packets at most: beyond this it should send more requests. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_FRAMES = 2_000;

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

const FrameResult = z.object({
  index: z.number(),
  ok: z.boolean(),
  mn: z.string().optional(),
  cn: z.string().optional(),
  values: z.number().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  answer: z.string().nullable().optional().openapi({ description: 'CN=9014 应答报文（当 Flag 要求应答）' }),
});

const IngestResult = z
  .object({
    accepted: z.number(),
    rejected: z.number(),
    discardedBytes: z
      .number()
      .openapi({ description: '不成报文或校验错误而丢弃的字节数 / bytes outside valid packets' }),
    frames: z.array(FrameResult),
  })
  .openapi('OnlineIngestResult');

export const onlineRouter = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/ingest',
    tags: ['online'],
    summary:
      'HJ 212-2017 报文网关接入：请求体为一个或多个完整报文（##…CRLF）。认证即报文内的 MN 与 PW（与 TCP 接收相同），无需登录；每个报文独立接受或拒绝',
    request: {
      body: {
        content: { 'text/plain': { schema: z.string().openapi({ example: '##0101QN=…&&1C80\r\n' }) } },
        required: true,
      },
    },
    responses: {
      200: {
        content: { 'application/json': { schema: IngestResult } },
        description: '逐报文结果；被拒报文不写入任何数据',
      },
      400: errorResponse('没有可识别的报文 / no packet found'),
      413: errorResponse('请求体过大 / body too large'),
    },
  }),
  async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.byteLength > MAX_BODY_BYTES) {
      throw new ApiError(413, 'payload_too_large', `请求体过大，最多 1 MB（body too large: at most 1 MB）`);
    }
    const events = new Hj212Framer().push(body);
    const frames = events.filter((e) => e.type === 'frame');
    if (frames.length === 0) {
      const problems = events.flatMap((e) => (e.type === 'error' ? [{ message: e.problem, sample: e.sample }] : []));
      throw new ApiError(
        400,
        'no_packet',
        '请求体中没有完整且校验正确的 HJ 212 报文（no complete HJ 212 packet with a valid CRC in the body）',
        problems.slice(0, 20),
      );
    }
    if (frames.length > MAX_FRAMES) {
      throw new ApiError(
        400,
        'too_many_packets',
        `每次最多 ${MAX_FRAMES} 个报文（at most ${MAX_FRAMES} packets per request）`,
      );
    }
    const ingest = onlineIngestFor(c.get('deps').db);
    const outcomes = await Promise.all(frames.map((f) => ingest.acceptSegment(f.data)));
    const results = outcomes.map((o, index) =>
      o.ok
        ? { index, ok: true, mn: o.mn, cn: o.cn, values: o.values, answer: o.answer }
        : { index, ok: false, mn: o.mn, reason: o.reason, message: o.message },
    );
    const accepted = results.filter((r) => r.ok).length;
    const discardedBytes = events.reduce((n, e) => n + (e.type === 'error' ? e.bytes : 0), 0);
    return c.json({ accepted, rejected: results.length - accepted, discardedBytes, frames: results }, 200);
  },
);
