import { describe, expect, it } from 'vitest';
import { encodeEnterpriseLayer } from '../../server/services/enterprise-layer';
import {
  colourOf,
  decodeEnterpriseLayer,
  findEnterprise,
  isInsured,
  isKeyPollutant,
  LayerFormatError,
} from '../../web/src/map/decode-enterprise-layer';

/** Builds an ENT1 payload by hand, byte by byte, independent of the server's encoder. */
function encodeByHand(
  rows: {
    id: number;
    lonQ: number;
    latQ: number;
    town: number;
    park: number;
    industry: number;
    county: number;
    flags: number;
  }[],
  bounds: [number, number, number, number],
  dict: object,
  dataVersion = 7,
): ArrayBuffer {
  const n = rows.length;
  const columns = 32 + n * 16;
  const pad = (4 - (columns % 4)) % 4;
  const json = new TextEncoder().encode(JSON.stringify(dict));
  const buf = new ArrayBuffer(columns + pad + 4 + json.length);
  const v = new DataView(buf);
  for (let i = 0; i < 4; i++) v.setUint8(i, 'ENT1'.charCodeAt(i));
  v.setUint32(4, 1, true);
  v.setUint32(8, n, true);
  v.setUint32(12, dataVersion, true);
  for (let i = 0; i < 4; i++) v.setFloat32(16 + 4 * i, bounds[i], true);
  let off = 32;
  for (let i = 0; i < n; i++) v.setUint32(off + 4 * i, rows[i].id, true);
  off += 4 * n;
  const u16 = (key: 'lonQ' | 'latQ' | 'town' | 'park' | 'industry') => {
    for (let i = 0; i < n; i++) v.setUint16(off + 2 * i, rows[i][key], true);
    off += 2 * n;
  };
  u16('lonQ');
  u16('latQ');
  u16('town');
  u16('park');
  u16('industry');
  for (let i = 0; i < n; i++) v.setUint8(off + i, rows[i].county);
  off += n;
  for (let i = 0; i < n; i++) v.setUint8(off + i, rows[i].flags);
  off += n + pad;
  v.setUint32(off, json.length, true);
  new Uint8Array(buf, off + 4).set(json);
  return buf;
}

const dict = {
  counties: ['330802', '330881'],
  towns: ['330802005'],
  parks: [12],
  industries: ['C2614', 'C3311'],
};

describe('decodeEnterpriseLayer', () => {
  // Three rows: n = 3 makes 32 + 48 = 80 bytes of columns (no padding); five rows below force padding.
  const rows = [
    { id: 5, lonQ: 0, latQ: 0, town: 1, park: 1, industry: 0, county: 0, flags: 0 },
    { id: 9, lonQ: 65535, latQ: 65535, town: 0, park: 0, industry: 1, county: 1, flags: 2 | 4 | 8 },
    { id: 20, lonQ: 32768, latQ: 16384, town: 1, park: 0, industry: 1, county: 0, flags: 1 | 8 },
  ];
  const bounds: [number, number, number, number] = [118.0, 28.25, 119.25, 29.5];

  it('reads the header, columns and dictionary', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, bounds, dict));
    expect(layer.n).toBe(3);
    expect(layer.dataVersion).toBe(7);
    expect([...layer.ids]).toEqual([5, 9, 20]);
    expect([...layer.town]).toEqual([1, 0, 1]);
    expect([...layer.park]).toEqual([1, 0, 0]);
    expect([...layer.industry]).toEqual([0, 1, 1]);
    expect([...layer.county]).toEqual([0, 1, 0]);
    expect(layer.dict).toEqual(dict);
  });

  it('dequantises positions against the f32 bounds', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, bounds, dict));
    expect(layer.positions[0]).toBeCloseTo(118.0, 5);
    expect(layer.positions[1]).toBeCloseTo(28.25, 5);
    expect(layer.positions[2]).toBeCloseTo(119.25, 5);
    expect(layer.positions[3]).toBeCloseTo(29.5, 5);
    expect(layer.positions[4]).toBeCloseTo(118.0 + (32768 / 65535) * 1.25, 4);
    expect(layer.positions[5]).toBeCloseTo(28.25 + (16384 / 65535) * 1.25, 4);
  });

  it('unpacks the flag bits', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, bounds, dict));
    expect([...layer.flags].map(colourOf)).toEqual(['green', 'red', 'yellow']);
    expect([...layer.flags].map(isKeyPollutant)).toEqual([false, true, false]);
    expect([...layer.flags].map(isInsured)).toEqual([false, true, true]);
  });

  it('reads a multibyte UTF-8 dictionary after five rows', () => {
    const five = [...rows, { ...rows[0], id: 30 }, { ...rows[1], id: 31 }];
    const layer = decodeEnterpriseLayer(encodeByHand(five, bounds, { ...dict, towns: ['柯城区新新街道'] }));
    expect(layer.n).toBe(5);
    expect(layer.dict.towns).toEqual(['柯城区新新街道']);
  });

  it('finds an enterprise by id', () => {
    const layer = decodeEnterpriseLayer(encodeByHand(rows, bounds, dict));
    expect(findEnterprise(layer, 9)).toBe(1);
    expect(findEnterprise(layer, 20)).toBe(2);
    expect(findEnterprise(layer, 10)).toBeNull();
  });

  it('decodes an empty layer', () => {
    const layer = decodeEnterpriseLayer(
      encodeByHand([], [0, 0, 0, 0], { counties: [], towns: [], parks: [], industries: [] }),
    );
    expect(layer.n).toBe(0);
    expect(layer.positions.length).toBe(0);
  });

  it('round-trips the server encoder', () => {
    const layer = decodeEnterpriseLayer(
      encodeEnterpriseLayer(
        [
          {
            id: 3,
            lon: 118.5,
            lat: 28.6,
            countyCode: '330822',
            townCode: null,
            parkId: 4,
            industryCode: 'C2614',
            colour: 'red',
            keyPollutant: true,
            insured: false,
          },
          {
            id: 8,
            lon: 118.9,
            lat: 29.1,
            countyCode: '330802',
            townCode: '330802005',
            parkId: null,
            industryCode: 'C3311',
            colour: 'yellow',
            keyPollutant: false,
            insured: true,
          },
        ],
        42,
      ).slice().buffer,
    );
    expect(layer.dataVersion).toBe(42);
    expect([...layer.ids]).toEqual([3, 8]);
    expect(layer.positions[0]).toBeCloseTo(118.5, 4);
    expect(layer.positions[3]).toBeCloseTo(29.1, 4);
    expect(layer.dict.parks[layer.park[0] - 1]).toBe(4);
    expect(layer.town[0]).toBe(0);
    expect(layer.dict.towns[layer.town[1] - 1]).toBe('330802005');
    expect(layer.dict.counties[layer.county[1]]).toBe('330802');
    expect([...layer.flags].map(colourOf)).toEqual(['red', 'yellow']);
  });

  it('rejects a wrong magic, version or a truncated payload', () => {
    const good = encodeByHand(rows, bounds, dict);
    const badMagic = good.slice(0);
    new DataView(badMagic).setUint8(0, 0x58);
    expect(() => decodeEnterpriseLayer(badMagic)).toThrow(LayerFormatError);
    const badVersion = good.slice(0);
    new DataView(badVersion).setUint32(4, 2, true);
    expect(() => decodeEnterpriseLayer(badVersion)).toThrow(/version/);
    expect(() => decodeEnterpriseLayer(good.slice(0, 40))).toThrow(LayerFormatError);
    expect(() => decodeEnterpriseLayer(good.slice(0, good.byteLength - 3))).toThrow(/dictionary/);
    expect(() => decodeEnterpriseLayer(new ArrayBuffer(8))).toThrow(LayerFormatError);
  });
});
