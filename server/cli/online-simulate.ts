/**
 * npm run online:simulate -- --devices N --rate R [--cn 2061|2011] [--seconds S] [--window W]
 *                            [--url http://127.0.0.1:8080] [--host 127.0.0.1] [--port 9212]
 *                            [--user admin] (password in SIMULATE_PASSWORD or ADMIN_PASSWORD)
 *
 * Connects like a fleet of data loggers (数采仪): each device is one TCP connection to the HJ 212
 * receiver with a real outlet's MN and access password, read from the running server
 * (GET /api/outlets as an admin, the only role that sees PW). Each device streams CN 2061 hourly
 * packets walking forward hour by hour from 30 days ago (or CN 2011 real-time packets stamped
 * now), with values from the demo generator, asks for an answer (Flag=5) and keeps at most W
 * packets unanswered, as a logger that waits for 9014 would. --rate is packets per second per
 * device (0: as fast as the answers come back). Prints packets/s and answers/s every second.
 */
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type DemoHour, type DemoOutlet, outletHours } from '../db/seed/online-demo';
import { buildFrame, Hj212Framer, parseDataSegment } from '../domain/hj212';
import { HOUR_MS, type PollutantMeta } from '../domain/online-integrity';

export type Device = { mn: string; pw: string; outlet: DemoOutlet };

export type FleetOptions = {
  host: string;
  port: number;
  devices: Device[];
  /** Packets per second per device; 0 sends as fast as answers allow. */
  rate: number;
  /** Unanswered packets a device may have in flight. */
  window: number;
  cn: '2061' | '2011';
  durationMs: number;
  /** First hour the hourly packets carry (epoch ms, on the hour). */
  fromHour: number;
  seed: number;
  onSecond?: (s: FleetSecond) => void;
};

export type FleetSecond = { second: number; sent: number; answered: number; inFlight: number; errors: number };
export type FleetResult = {
  sent: number;
  answered: number;
  errors: number;
  elapsedMs: number;
  /** Values the sent packets carried (pollutant items). */
  values: number;
  answerSamples: string[];
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** yyyyMMddHHmmss (and SSS for QN) in Beijing time, as loggers write them. */
function beijingStamp(t: number, millis = false): string {
  const d = new Date(t + 8 * HOUR_MS);
  const s = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return millis ? `${s}${pad(d.getUTCMilliseconds(), 3)}` : s;
}

/** The data segment of one upload packet for a device's hour of demo values. */
export function uploadSegment(
  device: Device,
  cn: '2061' | '2011',
  rows: DemoHour[],
  sentAt: number,
  dataTime: number,
): string {
  const st = device.outlet.medium === 'water' ? '32' : '31';
  const items = rows.map((r) =>
    cn === '2011'
      ? `${r.pollutant}-Rtd=${r.avg ?? ''},${r.pollutant}-Flag=${r.flag}`
      : `${r.pollutant}-Avg=${r.avg ?? ''},${r.pollutant}-Min=${r.min ?? ''},${r.pollutant}-Max=${r.max ?? ''},${r.pollutant}-Cou=${r.cou ?? ''},${r.pollutant}-Flag=${r.flag}`,
  );
  return `QN=${beijingStamp(sentAt, true)};ST=${st};CN=${cn};PW=${device.pw};MN=${device.mn};Flag=5;CP=&&DataTime=${beijingStamp(dataTime)};${items.join(';')}&&`;
}

/** Runs the fleet until durationMs has passed or every device has sent all its hours. */
export async function runFleet(opts: FleetOptions): Promise<FleetResult> {
  const started = performance.now();
  const nowHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const toHour = Math.max(opts.fromHour + HOUR_MS, nowHour);
  let sent = 0;
  let answered = 0;
  let errors = 0;
  let values = 0;
  const answerSamples: string[] = [];
  const deadline = started + opts.durationMs;

  const runDevice = (device: Device): Promise<void> =>
    new Promise((resolve) => {
      // Hourly values from the demo generator, ordered by hour: packets carry one hour each.
      const rows = opts.cn === '2061' ? outletHours(device.outlet, [], opts.seed, opts.fromHour, toHour) : [];
      const byHour = new Map<number, DemoHour[]>();
      for (const r of rows) {
        const t = Date.parse(r.time);
        const list = byHour.get(t);
        if (list) list.push(r);
        else byHour.set(t, [r]);
      }
      const hours = [...byHour.keys()].sort((a, b) => a - b);
      let next = 0;
      let inFlight = 0;
      let done = false;
      const framer = new Hj212Framer();
      const socket: Socket = connect({ host: opts.host, port: opts.port });
      socket.setNoDelay(true);
      const interval = opts.rate > 0 ? 1000 / opts.rate : 0;
      let due = performance.now();
      let timer: NodeJS.Timeout | null = null;

      const finish = () => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        socket.end();
        resolve();
      };
      const sendOne = (): boolean => {
        const now = Date.now();
        let segment: string;
        if (opts.cn === '2061') {
          if (next >= hours.length) return false;
          const t = hours[next++];
          const list = byHour.get(t) as DemoHour[];
          values += list.length;
          segment = uploadSegment(device, '2061', list, now, t);
        } else {
          const t = Math.floor(now / 1000) * 1000;
          const current = outletHours(device.outlet, [], opts.seed + next++, nowHour, nowHour + HOUR_MS);
          values += current.length;
          segment = uploadSegment(device, '2011', current, now, t);
        }
        inFlight++;
        sent++;
        socket.write(buildFrame(segment));
        return true;
      };
      const pump = () => {
        timer = null;
        if (done) return;
        if (performance.now() >= deadline) return finish();
        while (inFlight < opts.window && !socket.writableNeedDrain) {
          if (interval > 0 && performance.now() < due) break;
          if (!sendOne()) {
            if (inFlight === 0) finish();
            return;
          }
          due += interval;
        }
        if (interval > 0 && inFlight < opts.window) timer = setTimeout(pump, Math.max(1, due - performance.now()));
      };
      // A device whose packets go unanswered (wrong PW, a busy platform) still stops on time.
      const stop = setTimeout(finish, Math.max(0, deadline - performance.now()));
      socket.on('close', () => clearTimeout(stop));
      socket.on('connect', pump);
      socket.on('drain', pump);
      socket.on('data', (chunk) => {
        for (const ev of framer.push(chunk)) {
          if (ev.type !== 'frame') {
            errors++;
            continue;
          }
          try {
            const seg = parseDataSegment(ev.data);
            if (seg.cn === '9014') {
              answered++;
              inFlight = Math.max(0, inFlight - 1);
              if (answerSamples.length < 3) answerSamples.push(ev.data);
            } else errors++;
          } catch {
            errors++;
          }
        }
        if (opts.cn === '2061' && next >= hours.length && inFlight === 0) return finish();
        pump();
      });
      socket.on('error', () => {
        errors++;
        finish();
      });
      socket.on('close', finish);
    });

  let last = { sent: 0, answered: 0 };
  const ticker = setInterval(() => {
    const second = Math.round((performance.now() - started) / 1000);
    opts.onSecond?.({
      second,
      sent: sent - last.sent,
      answered: answered - last.answered,
      inFlight: sent - answered,
      errors,
    });
    last = { sent, answered };
  }, 1000);
  try {
    await Promise.all(opts.devices.map(runDevice));
  } finally {
    clearInterval(ticker);
  }
  return { sent, answered, errors, values, elapsedMs: performance.now() - started, answerSamples };
}

type ApiOutlet = {
  id: number;
  mn: string;
  pw?: string;
  medium: 'water' | 'gas';
  pollutants: (PollutantMeta & { name?: string; unit?: string })[];
};

/** Logs in as an admin and reads up to `count` outlets with their MN and PW. */
export async function devicesFromApi(url: string, user: string, password: string, count: number): Promise<Device[]> {
  const login = await fetch(new URL('/api/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password }),
  });
  if (!login.ok) throw new Error(`登录失败 login failed (${login.status}): ${await login.text()}`);
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(new URL(`/api/outlets?limit=${count}`, url), { headers: { cookie } });
  if (!res.ok) throw new Error(`读取排放口失败 reading outlets failed (${res.status}): ${await res.text()}`);
  const body = (await res.json()) as { items: ApiOutlet[] };
  return body.items
    .filter((o) => o.pw)
    .map((o) => ({
      mn: o.mn,
      pw: o.pw as string,
      outlet: {
        id: o.id,
        medium: o.medium,
        pollutants: o.pollutants.map((p) => ({
          code: p.code,
          limit: p.limit,
          range: p.range,
          detectionLimit: p.detectionLimit,
        })),
      },
    }));
}

const usage = `用法 usage: npm run online:simulate -- --devices <N> --rate <packets/s per device, 0 = as fast as answered>
  [--cn 2061|2011] [--seconds 30] [--window 4] [--url http://127.0.0.1:8080] [--host 127.0.0.1]
  [--port 9212] [--user admin]   (password: SIMULATE_PASSWORD or ADMIN_PASSWORD)`;

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        devices: { type: 'string', default: '10' },
        rate: { type: 'string', default: '1' },
        cn: { type: 'string', default: '2061' },
        seconds: { type: 'string', default: '30' },
        window: { type: 'string', default: '4' },
        url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 8080}` },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: process.env.HJ212_PORT ?? '9212' },
        user: { type: 'string', default: 'admin' },
        seed: { type: 'string', default: '20181' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const num = (name: string, min: number) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min) {
      console.error(`--${name} 必须是 ≥ ${min} 的数 must be a number ≥ ${min}\n${usage}`);
      process.exit(2);
    }
    return n;
  };
  const count = Math.floor(num('devices', 1));
  const cn = values.cn === '2011' ? '2011' : values.cn === '2061' ? '2061' : null;
  if (!cn) {
    console.error(`--cn 只支持 2061 或 2011 must be 2061 or 2011\n${usage}`);
    process.exit(2);
  }
  const password = process.env.SIMULATE_PASSWORD ?? process.env.ADMIN_PASSWORD;
  if (!password) {
    console.error(
      '请在 SIMULATE_PASSWORD 中提供管理员密码 set the admin password in SIMULATE_PASSWORD (PW is shown to admins only)',
    );
    process.exit(2);
  }
  const devices = await devicesFromApi(String(values.url), String(values.user), password, count);
  if (devices.length === 0) {
    console.error('没有排放口 no outlets with a password: import outlets first');
    process.exit(1);
  }
  if (devices.length < count)
    console.log(`只有 ${devices.length} 个排放口 only ${devices.length} outlets: one device each`);
  const fromHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 30 * 24 * HOUR_MS;
  console.log(
    `${devices.length} devices → ${values.host}:${values.port}, CN ${cn}, ${num('rate', 0) || 'max'} packets/s per device, window ${num('window', 1)}`,
  );
  const result = await runFleet({
    host: String(values.host),
    port: num('port', 1),
    devices,
    rate: num('rate', 0),
    window: Math.floor(num('window', 1)),
    cn,
    durationMs: num('seconds', 1) * 1000,
    fromHour,
    seed: num('seed', 0),
    onSecond: (s) =>
      console.log(
        `${String(s.second).padStart(4)} s  sent ${s.sent} packets/s  answered ${s.answered}/s  in flight ${s.inFlight}  errors ${s.errors}`,
      ),
  });
  const secs = result.elapsedMs / 1000;
  console.log(
    `total: ${result.sent} packets (${result.values} values) in ${secs.toFixed(1)} s = ${(result.sent / secs).toFixed(0)} packets/s; ${result.answered} answered (${(result.answered / secs).toFixed(0)}/s); ${result.errors} errors`,
  );
  if (result.answerSamples[0]) console.log(`answer: ${result.answerSamples[0]}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error((e as Error).message);
    process.exit(1);
  });
}
