import { describe, expect, it } from 'vitest';
import { encodeEnterpriseLayer, type LayerRow } from '../../server/services/enterprise-layer';
import {
  colourOf,
  decodeEnterpriseLayer,
  findEnterprise,
  isInsured,
  isKeyPollutant,
  LayerFormatError,
} from '../../web/src/map/decode-enterprise-layer';

/**
 * Builds an ENT2 payload by hand, byte by byte, independent of the server's encoder: rows in the
 * order given, every column 4 bytes wide except county and flags (1), so both plane paths run.
 */
function encodeByHand(
  rows: {
    id: number;
    x: number;
    y: number;
    town: number;
    park: number;
    industry: number;
    county: number;
    flags: number;
  }[],
  origin: [number, number],
  bounds: [number, number, number, number],
  dict: object,
  dataVersion = 7,
): ArrayBuffer {
  const n = rows.length;
  const widths = [4, 4, 4, 4, 4, 4, 1, 1];
  const json = new TextEncoder().encode(JSON.stringify(dict));
  const buf = new ArrayBuffer(44 + 26 * n + 4 + json.length);
  const v = new DataView(buf);
  for (let i = 0; i < 3; i++) v.setUint8(i, 'ENT'.charCodeAt(i));
  v.setUint8(3, 2);
  v.setUint32(4, n, true);
  v.setUint32(8, dataVersion, true);
  v.setInt32(12, origin[0], true);
  v.setInt32(16, origin[1], true);
  for (let i = 0; i < 4; i++) v.setFloat32(20 + 4 * i, bounds[i], true);
  for (let i = 0; i < 8; i++) v.setUint8(36 + i, widths[i]);
  const zz = (d: number) => (d >= 0 ? 2 * d : -2 * d - 1);
  const values: number[][] = [[], [], [], [], [], [], [], []];
  let [px, py, pid] = [origin[0], origin[1], 0];
  for (const r of rows) {
    values[0].push(zz(r.x - px));
    values[1].push(zz(r.y - py));
    values[2].push(zz(r.id - pid));
    [px, py, pid] = [r.x, r.y, r.id];
    values[3].push(r.town);
    values[4].push(r.park);
    values[5].push(r.industry);
    values[6].push(r.county);
    values[7].push(r.flags);
  }
  let off = 44;
  for (let c = 0; c < 8; c++)
    for (let b = 0; b < widths[c]; b++) for (let i = 0; i < n; i++) v.setUint8(off++, (values[c][i] >>> (8 * b)) & 255);
  v.setUint32(off, json.length, true);
  new Uint8Array(buf, off + 4).set(json);
  return buf;
}

const U = 131_072;
const dict = {
  counties: ['330802', '330881'],
  towns: ['330802005'],
  parks: [12],
  industries: ['C2614', 'C3311'],
};

describe('decodeEnterpriseLayer', () => {
  const origin: [number, number] = [118 * U, 28.25 * U];
  const rows = [
    { id: 9, x: origin[0] + 5, y: origin[1] + 3, town: 1, park: 1, industry: 0, county: 0, flags: 0 },
    { id: 5, x: origin[0], y: origin[1] + 700_000, town: 0, park: 0, industry: 1, county: 1, flags: 2 | 4 | 8 },
    { id: 20, x: origin[0] + 163_840, y: origin[1], town: 1, park: 0, industry: 1, county: 0, flags: 1 | 8 },
  ];
  const bounds: [number, number, number, number] = [118.0, 28.25, 119.25, 29.5];

  it('reads the header, delta-coded columns and dictionary', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, origin, bounds, dict));
    expect(layer.n).toBe(3);
    expect(layer.dataVersion).toBe(7);
    expect(layer.bounds).toEqual(bounds);
    expect([...layer.ids]).toEqual([9, 5, 20]);
    expect([...layer.town]).toEqual([1, 0, 1]);
    expect([...layer.park]).toEqual([1, 0, 0]);
    expect([...layer.industry]).toEqual([0, 1, 1]);
    expect([...layer.county]).toEqual([0, 1, 0]);
    expect(layer.dict).toEqual(dict);
  });

  it('turns positions in 2^-17 degree units back into degrees', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, origin, bounds, dict));
    expect(layer.positions[0]).toBe(Math.fround(118 + 5 / U));
    expect(layer.positions[1]).toBe(Math.fround(28.25 + 3 / U));
    expect(layer.positions[3]).toBe(Math.fround(28.25 + 700_000 / U));
    expect(layer.positions[4]).toBe(119.25);
  });

  it('unpacks the flag bits', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, origin, bounds, dict));
    expect([...layer.flags].map(colourOf)).toEqual(['green', 'red', 'yellow']);
    expect([...layer.flags].map(isKeyPollutant)).toEqual([false, true, false]);
    expect([...layer.flags].map(isInsured)).toEqual([false, true, true]);
  });

  it('reads a multibyte UTF-8 dictionary', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, origin, bounds, { ...dict, towns: ['柯城区新新街道'] }));
    expect(layer.dict.towns).toEqual(['柯城区新新街道']);
  });

  it('finds an enterprise by id', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, origin, bounds, dict));
    expect(findEnterprise(layer, 5)).toBe(1);
    expect(findEnterprise(layer, 20)).toBe(2);
    expect(findEnterprise(layer, 10)).toBeNull();
  });

  it('decodes an empty layer, from the hand encoder and the server encoder', () => {
    const empty = { counties: [], towns: [], parks: [], industries: [] };
    expect(decodeEnterpriseLayer(encodeByHand([], [0, 0], [0, 0, 0, 0], empty)).n).toBe(0);
    const layer = decodeEnterpriseLayer(encodeEnterpriseLayer([], 1).slice().buffer);
    expect(layer.n).toBe(0);
    expect(layer.positions.length).toBe(0);
  });

  it('refuses a version it does not know, naming it, and other malformed payloads', () => {
    const good = encodeByHand(rows, origin, bounds, dict);
    const ent1 = good.slice(0);
    new DataView(ent1).setUint8(3, '1'.charCodeAt(0)); // what an ENT1 server sends
    expect(() => decodeEnterpriseLayer(ent1)).toThrow(/version 1 is not one this page reads/);
    const future = good.slice(0);
    new DataView(future).setUint8(3, 3);
    const error = (() => {
      try {
        decodeEnterpriseLayer(future);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LayerFormatError);
    expect((error as LayerFormatError).version).toBe(3);
    const badMagic = good.slice(0);
    new DataView(badMagic).setUint8(0, 0x58);
    expect(() => decodeEnterpriseLayer(badMagic)).toThrow(LayerFormatError);
    const badWidth = good.slice(0);
    new DataView(badWidth).setUint8(36, 5);
    expect(() => decodeEnterpriseLayer(badWidth)).toThrow(/width/);
    expect(() => decodeEnterpriseLayer(good.slice(0, 40))).toThrow(LayerFormatError);
    expect(() => decodeEnterpriseLayer(good.slice(0, 60))).toThrow(/columns/);
    expect(() => decodeEnterpriseLayer(good.slice(0, good.byteLength - 3))).toThrow(/dictionary/);
    expect(() => decodeEnterpriseLayer(new ArrayBuffer(2))).toThrow(LayerFormatError);
  });
});

/** Metres between two WGS84 points (equirectangular: exact enough at a metre). */
const metres = (lon1: number, lat1: number, lon2: number, lat2: number) => {
  const rad = Math.PI / 180;
  const dx = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad) * 6_371_008.8;
  const dy = (lat2 - lat1) * rad * 6_371_008.8;
  return Math.hypot(dx, dy);
};

describe('ENT2 round trip through the server encoder', () => {
  // 20,000 enterprises over China's whole extent (73–135° E, 18–54° N), clustered like parks and
  // spread like the countryside, ids shuffled; every attribute combination appears.
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const colours = ['green', 'yellow', 'red'] as const;
  const rows: LayerRow[] = Array.from({ length: 20_000 }, (_, i) => {
    const cluster = i % 3 === 0;
    return {
      id: 1 + ((i * 7_919) % 20_011),
      lon: cluster ? 118.87 + rand() * 0.01 : 73 + rand() * 62,
      lat: cluster ? 28.94 + rand() * 0.01 : 18 + rand() * 36,
      countyCode: `33080${i % 5}`,
      townCode: i % 4 ? `33080${i % 5}${String(i % 37).padStart(3, '0')}` : null,
      parkId: i % 6 ? null : 1 + (i % 11),
      industryCode: `C${1000 + (i % 300)}`,
      colour: colours[i % 3],
      keyPollutant: i % 7 === 0,
      insured: i % 2 === 0,
    };
  });
  const bytes = encodeEnterpriseLayer(rows, 99);
  const layer = decodeEnterpriseLayer(bytes.slice().buffer);
  const byId = new Map(rows.map((r) => [r.id, r]));

  it('gives back every id with its codes and attributes', () => {
    expect(layer.n).toBe(rows.length);
    expect(new Set(layer.ids).size).toBe(rows.length);
    for (let i = 0; i < layer.n; i++) {
      const r = byId.get(layer.ids[i]);
      expect(r).toBeDefined();
      if (!r) return;
      const got = {
        county: layer.dict.counties[layer.county[i]],
        town: layer.town[i] ? layer.dict.towns[layer.town[i] - 1] : null,
        park: layer.park[i] ? layer.dict.parks[layer.park[i] - 1] : null,
        industry: layer.dict.industries[layer.industry[i]],
        colour: colourOf(layer.flags[i]),
        keyPollutant: isKeyPollutant(layer.flags[i]),
        insured: isInsured(layer.flags[i]),
      };
      const want = {
        county: r.countyCode,
        town: r.townCode,
        park: r.parkId,
        industry: r.industryCode,
        colour: r.colour,
        keyPollutant: r.keyPollutant,
        insured: r.insured,
      };
      if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want);
    }
  });

  it('puts every decoded (float32) position within 1 m of the original', () => {
    let worst = 0;
    for (let i = 0; i < layer.n; i++) {
      const r = byId.get(layer.ids[i]) as LayerRow;
      worst = Math.max(worst, metres(r.lon, r.lat, layer.positions[2 * i], layer.positions[2 * i + 1]));
    }
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('sends the rows along a space-filling curve: neighbours in the payload are near on the map', () => {
    const meanStep = (order: number[]) => {
      let sum = 0;
      for (let k = 1; k < order.length; k++) {
        const [i, j] = [order[k - 1], order[k]];
        sum += metres(
          layer.positions[2 * i],
          layer.positions[2 * i + 1],
          layer.positions[2 * j],
          layer.positions[2 * j + 1],
        );
      }
      return sum / (order.length - 1);
    };
    const payloadOrder = Array.from({ length: layer.n }, (_, i) => i);
    const idOrder = [...payloadOrder].sort((a, b) => layer.ids[a] - layer.ids[b]);
    expect(meanStep(payloadOrder)).toBeLessThan(meanStep(idOrder) / 10);
  });

  it('is the same bytes whatever order the rows arrive in', () => {
    expect(Buffer.compare(encodeEnterpriseLayer([...rows].reverse(), 99), bytes)).toBe(0);
  });
});
