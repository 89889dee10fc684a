import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { limits } from '../limits';
import { freeTurn, type Turn } from '../services/turn';
import { errorBody } from './errors';
import { clientIp } from './session';

/**
 * PGlite runs every query on the main thread, one after another: whoever can queue many expensive
 * reads delays every other request, /api/health included (an anonymous enterprise list of 5,000
 * rows sprayed with distinct keys stalled it over a second). Anonymous expensive reads therefore
 * take turns: `concurrency` pieces of work at once (a list page, one export batch, one layer
 * chunk), the rest wait in order; one address may have `perIp` such requests open (an export
 * stays open while it streams) and the next is a 429 `busy` with Retry-After. Signed-in staff do
 * not wait: they are few and known. Cache hits never get here (the cache answers first).
 */
export function createPublicReadGate(opts: { concurrency: number; perIp: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const open = new Map<string, number>();

  const turn: Turn = async (work) => {
    if (running < opts.concurrency) {
      running++;
      // Even a free turn starts only after the event loop has polled for I/O: PGlite answers
      // through promises alone, so without this a request runs start to end inside the callback
      // that read it, and the server reads the next connection only after every busy one has
      // had its whole request served (a /api/health waited seconds behind sixteen list pages).
      await new Promise((resolve) => setImmediate(resolve));
    } else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so `running` never drops in between, and
      // again only after the event loop has polled for I/O: handing over at once would run the
      // whole queue as one chain of microtasks.
      const next = waiting.shift();
      if (next) setImmediate(next);
      else running--;
    }
  };

  const release = (ip: string) => {
    const n = (open.get(ip) ?? 1) - 1;
    if (n <= 0) open.delete(ip);
    else open.set(ip, n);
  };

  return {
    turn,
    get open() {
      let n = 0;
      for (const v of open.values()) n += v;
      return n;
    },
    /**
     * For the gated routes: staff pass through; an anonymous request is counted against its
     * address until its answer is sent (a streamed body: until it ends or the client leaves), and
     * its handler gets `turn` to queue its database work on.
     */
    middleware: () =>
      createMiddleware<AppEnv>(async (c, next) => {
        if (c.get('role') !== 'public') {
          c.set('turn', freeTurn);
          return next();
        }
        const ip = clientIp(c);
        const held = open.get(ip) ?? 0;
        if (held >= opts.perIp) {
          c.header('Retry-After', '2');
          return c.json(
            errorBody('busy', '请求过于频繁，请稍后再试（too many requests at once from this address: retry shortly）'),
            429,
          );
        }
        open.set(ip, held + 1);
        c.set('turn', turn);
        let handedOver = false;
        try {
          await next();
          const body = c.res.body;
          // A download (export) streams after the handler returned: the address keeps its count till it ends.
          if (body && c.res.status === 200 && c.res.headers.has('content-disposition')) {
            c.res = new Response(
              releasedWhenDone(body, () => release(ip)),
              c.res,
            );
            handedOver = true;
          }
        } finally {
          if (!handedOver) release(ip);
        }
      }),
  };
}
export type PublicReadGate = ReturnType<typeof createPublicReadGate>;

export const createDefaultPublicReadGate = () =>
  createPublicReadGate({ concurrency: limits.publicReadConcurrency, perIp: limits.publicReadsPerIp });

/**
 * The same bytes, pulled only as the client takes them (no buffering added: backpressure
 * holds), calling `done` once when the stream ends, fails or is cancelled. A reader that takes
 * nothing for `limits.streamIdleMs` is cut off, so a stalled client cannot keep its turn forever.
 */
function releasedWhenDone(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  let idle: NodeJS.Timeout | undefined;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    done();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        clearTimeout(idle);
        try {
          const next = await reader.read();
          if (next.done) {
            finish();
            controller.close();
            return;
          }
          controller.enqueue(next.value);
          idle = setTimeout(() => {
            finish();
            controller.error(new Error('client stopped reading'));
            void reader.cancel('client stopped reading').catch(() => {});
          }, limits.streamIdleMs);
          idle.unref();
        } catch (e) {
          finish();
          controller.error(e);
        }
      },
      async cancel(reason) {
        finish();
        await reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
