// Minimal reference data for import tests: the six real county outlines, a hand-drawn town,
// grid and park in 柯城区, the industry list and two sections. Building the seed's full
// geography takes seconds (Voronoi towns and grids); this takes milliseconds.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/client';
import { setMeta } from '../../server/db/meta';
import { grids, industries, parks, regions, rivers, sections, sessions, users } from '../../server/db/schema';
import { loadCounties } from '../../server/db/seed/geo-data';
import { INDUSTRIES } from '../../server/db/seed/industries';
import { bboxOf, contains } from '../../server/db/seed/spatial';

export const KECHENG = '330802';
export const TOWN = '330802005';
export const AS_OF = '2026-06-30';

/** A square of side 2·r degrees around a centre. */
export function square(lon: number, lat: number, r: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon - r, lat - r],
        [lon + r, lat - r],
        [lon + r, lat + r],
        [lon - r, lat + r],
        [lon - r, lat - r],
      ],
    ],
  };
}

/** Test points near 柯城区's centre; every one is checked to lie inside the county. */
export function kechengPoints(n: number): [number, number][] {
  const county = loadCounties().find((c) => c.properties.code === KECHENG);
  if (!county) throw new Error('柯城区 missing from data/geo');
  const [cx, cy] = county.properties.center;
  const out: [number, number][] = [];
  for (let i = 0; out.length < n && i < 1000; i++) {
    const p: [number, number] = [
      Math.round((cx + ((i % 7) - 3) * 0.004) * 1e6) / 1e6,
      Math.round((cy + (Math.floor(i / 7) - 3) * 0.004) * 1e6) / 1e6,
    ];
    if (contains(county.geometry, p[0], p[1])) out.push(p);
  }
  return out;
}

export async function loadReference(db: Db) {
  const counties = loadCounties();
  const kecheng = counties.find((c) => c.properties.code === KECHENG);
  if (!kecheng) throw new Error('柯城区 missing');
  const [cx, cy] = kecheng.properties.center;
  const box = (g: { type: 'Polygon'; coordinates: number[][][] }) => {
    const b = bboxOf(g as never);
    return { minLon: b[0], minLat: b[1], maxLon: b[2], maxLat: b[3] };
  };
  await db.insert(regions).values({ code: '330800', name: '衢州市', level: 'city', centerLon: cx, centerLat: cy });
  await db.insert(regions).values(
    counties.map((c) => ({
      code: c.properties.code,
      name: c.properties.name,
      level: 'county' as const,
      parentCode: '330800',
      centerLon: c.properties.center[0],
      centerLat: c.properties.center[1],
      ...box(c.geometry as never),
      geometry: c.geometry,
    })),
  );
  const town = square(cx, cy, 0.03);
  await db.insert(regions).values({
    code: TOWN,
    name: '新新街道',
    level: 'town',
    parentCode: KECHENG,
    centerLon: cx,
    centerLat: cy,
    ...box(town),
    geometry: town,
  });
  const [g1] = await db
    .insert(grids)
    .values({ level: 1, name: '柯城区生态环境网格（一级）', regionCode: KECHENG, geometry: kecheng.geometry })
    .returning({ id: grids.id });
  const [g2] = await db
    .insert(grids)
    .values({ level: 2, name: '新新街道网格（二级）', regionCode: TOWN, parentId: g1.id, geometry: town })
    .returning({ id: grids.id });
  const village = square(cx, cy, 0.01);
  const [g3] = await db
    .insert(grids)
    .values({
      level: 3,
      name: '示例社区网格（三级）',
      regionCode: TOWN,
      parentId: g2.id,
      ...box(village),
      geometry: village,
    })
    .returning({ id: grids.id });
  await db.insert(industries).values(INDUSTRIES);
  const parkArea = square(cx + 0.004, cy + 0.004, 0.003);
  const [park] = await db
    .insert(parks)
    .values({
      name: '柯城区示例小微企业园',
      kind: '小微园',
      countyCode: KECHENG,
      centerLon: cx + 0.004,
      centerLat: cy + 0.004,
      ...box(parkArea),
      geometry: parkArea,
      industryCodes: ['C33'],
    })
    .returning({ id: parks.id });
  const [river] = await db
    .insert(rivers)
    .values({
      name: '衢江',
      basin: '钱塘江',
      geometry: {
        type: 'LineString',
        coordinates: [
          [118.8, 28.95],
          [119.1, 29.05],
        ],
      },
    })
    .returning({ id: rivers.id });
  await db.insert(sections).values([
    {
      code: 'QZ-R01',
      name: '示例河流断面',
      riverId: river.id,
      lon: cx,
      lat: cy,
      countyCode: KECHENG,
      waterBody: 'river',
    },
    { code: 'QZ-L01', name: '示例水库断面', lon: cx + 0.01, lat: cy, countyCode: KECHENG, waterBody: 'lake' },
  ]);
  await setMeta(db, 'asOf', AS_OF);
  await setMeta(db, 'dataVersion', '1');
  return { parkId: park.id, villageGridId: g3.id, townGridId: g2.id, countyGridId: g1.id };
}

/** A signed-in user by inserting the session directly: auth itself is tested elsewhere. */
export async function signIn(db: Db, role: 'admin' | 'analyst' | 'leader') {
  const [u] = await db
    .insert(users)
    .values({ username: `${role}-${randomBytes(4).toString('hex')}`, displayName: role, role, passwordHash: 'x' })
    .returning({ id: users.id });
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ id, userId: u.id, csrfToken, expiresAt: new Date(Date.now() + 3_600_000) });
  return { userId: u.id, headers: { cookie: `eco_sid=${id}`, 'x-csrf-token': csrfToken } };
}

let gbkTable: Map<string, number[]> | undefined;

/** GBK bytes for a string (test fixtures only): inverts Node's own GBK decoder. */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`not encodable in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
