import type { Db } from '../../server/db/client';
import { enterprises, industries, outletPollutants, outlets, regions } from '../../server/db/schema';
import { buildFrame } from '../../server/domain/hj212';
import { mulberry32 } from '../../server/domain/random';
import { makeUscc } from '../../server/domain/uscc';

/** One county, one industry, one enterprise with a water outlet (COD limit 50, NH3-N limit 5, flow). */
export async function onlineFixture(db: Db, mn = 'QZ0000000000000000000001', pw = '123456') {
  await db.insert(regions).values({ code: '330802', name: '柯城区', level: 'county' }).onConflictDoNothing();
  await db.insert(industries).values({ code: 'C26', name: '化学原料和化学制品制造业' }).onConflictDoNothing();
  const [e] = await db
    .insert(enterprises)
    .values({
      uscc: makeUscc(mulberry32(mn.length + mn.charCodeAt(mn.length - 1)), '330802'),
      name: `衢州在线监测测试企业${mn.slice(-3)}`,
      address: '柯城区',
      lon: 118.87,
      lat: 28.97,
      h3: '8941c1a4c03ffff',
      countyCode: '330802',
      industryCode: 'C26',
      keyPollutant: true,
    })
    .returning({ id: enterprises.id });
  const [o] = await db
    .insert(outlets)
    .values({ enterpriseId: e.id, code: 'DW001', name: '总排口', mn, pw, medium: 'water' })
    .returning({ id: outlets.id });
  await db.insert(outletPollutants).values([
    { outletId: o.id, code: 'w01018', name: '化学需氧量', unit: 'mg/L', limit: 50, range: 500, detectionLimit: 4 },
    { outletId: o.id, code: 'w21003', name: '氨氮', unit: 'mg/L', limit: 5, range: 50, detectionLimit: 0.025 },
    { outletId: o.id, code: 'w00000', name: '废水流量', unit: 'm³/h', limit: null, range: 1000, detectionLimit: null },
  ]);
  return { enterpriseId: e.id, outletId: o.id, mn, pw };
}

let qn = 0;
/** An hourly upload (CN 2061) for `time` (yyyyMMddHHmmss, Beijing) as a whole packet. */
export function hourlyPacket(
  o: { mn: string; pw: string },
  time: string,
  values: Record<string, { avg: number; flag?: string }>,
  flag = 5,
): string {
  const q = `${time.slice(0, 14)}${String(++qn % 1000).padStart(3, '0')}`;
  const groups = Object.entries(values)
    .map(([code, v]) => `${code}-Avg=${v.avg},${code}-Flag=${v.flag ?? 'N'}`)
    .join(';');
  return buildFrame(`QN=${q};ST=32;CN=2061;PW=${o.pw};MN=${o.mn};Flag=${flag};CP=&&DataTime=${time};${groups}&&`);
}
