// Puts hourly monitoring data with one planted integrity pattern into a running server through
// the real gateway (POST /api/online/ingest), for the browser tests and screenshots: ten days of
// plausible values for every pollutant of one water outlet, a few maintenance (M) and fault (D)
// hours, and 36 hours of a fixed COD value ending two days before the data date (a `constant` flag).
import { addDays, startOfDay } from '../../server/domain/dates';
import { hourlyPacket } from './online-fixtures';

export type Planted = {
  outletId: number;
  enterpriseId: number;
  outletCode: string;
  mn: string;
  pw: string;
  limit: number;
  /** The fixed value's span [from, to) in epoch ms and the value. */
  constant: { from: number; to: number; value: number };
  invalidHours: number;
  days: { from: string; to: string };
};

const HOUR = 3_600_000;
const TZ = 'Asia/Shanghai';

export async function adminCookie(url: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
  const sid = /eco_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!sid) throw new Error('no session cookie');
  return `eco_sid=${sid}`;
}

/** Beijing yyyyMMddHHmmss of an instant (the bureau is UTC+8 all year). */
const dataTime = (ms: number) => new Date(ms + 8 * HOUR).toISOString().replace(/[-:T]/g, '').slice(0, 14);

export async function plantOnlineData(url: string, cookie: string, asOf: string, outletIndex = 0): Promise<Planted> {
  const list = await (await fetch(`${url}/api/outlets?limit=1000`, { headers: { cookie } })).json();
  const water = list.items.filter((o: any) => o.medium === 'water' && o.pw);
  const o = water[outletIndex % water.length];
  if (!o) throw new Error('the demo has no water outlet');
  const cod = o.pollutants.find((p: any) => p.code === 'w01018');
  const days = { from: addDays(asOf, -9), to: asOf };
  const start = startOfDay(days.from, TZ).getTime();
  const end = startOfDay(addDays(asOf, 1), TZ).getTime();
  const constantFrom = startOfDay(addDays(asOf, -3), TZ).getTime();
  const constant = { from: constantFrom, to: constantFrom + 36 * HOUR, value: Number((cod.limit * 0.46).toFixed(1)) };
  const packets: string[] = [];
  let invalidHours = 0;
  for (let t = start, i = 0; t < end; t += HOUR, i++) {
    const wave = Math.sin((i / 24) * 2 * Math.PI);
    const jitter = ((i * 7919) % 13) / 13;
    const values: Record<string, { avg: number; flag?: string }> = {};
    for (const p of o.pollutants) {
      const limit = p.limit ?? p.range ?? 10;
      let avg: number;
      if (p.code === 'w00000') avg = 40 + 12 * wave + 5 * jitter;
      else if (p.code === 'w01001') avg = 7.2 + 0.4 * wave + 0.3 * jitter;
      else avg = limit * (0.45 + 0.3 * wave + 0.1 * jitter);
      values[p.code] = { avg: Number(avg.toFixed(p.code === 'w21003' || p.code === 'w21011' ? 3 : 2)) };
    }
    if (t >= constant.from && t < constant.to) values.w01018 = { avg: constant.value };
    // Maintenance on the second morning, a fault on the sixth evening: greyed on the chart.
    const day = Math.floor(i / 24);
    const hour = i % 24;
    if ((day === 1 && hour >= 9 && hour < 12) || (day === 5 && hour >= 19 && hour < 21)) {
      const flag = day === 1 ? 'M' : 'D';
      for (const code of Object.keys(values)) values[code].flag = flag;
      invalidHours++;
    }
    packets.push(hourlyPacket(o, dataTime(t), values, 4));
  }
  const res = await fetch(`${url}/api/online/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: packets.join(''),
  });
  const body = await res.json();
  if (res.status !== 200 || body.rejected)
    throw new Error(`ingest failed: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
  return {
    outletId: o.id,
    enterpriseId: o.enterpriseId,
    outletCode: o.code,
    mn: o.mn,
    pw: o.pw,
    limit: cod.limit,
    constant,
    invalidHours,
    days,
  };
}

/** Waits until the planted constant flag is computed (flags follow the data within seconds). */
export async function waitForPlantedFlag(url: string, cookie: string, p: Planted, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = await (
      await fetch(`${url}/api/online/flags?outlet=${p.outletId}&kind=constant`, { headers: { cookie } })
    ).json();
    const flag = body.items?.find((f: any) => f.pollutant === 'w01018' && Date.parse(f.from) === p.constant.from);
    if (flag) return flag;
    if (Date.now() > deadline)
      throw new Error(`no constant flag after ${timeoutMs} ms: ${JSON.stringify(body).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
