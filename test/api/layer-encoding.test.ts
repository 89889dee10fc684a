import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import {
  encodeEnterpriseLayer,
  encodeEnterpriseLayerFromDb,
  loadLayerRows,
} from '../../server/services/enterprise-layer';
import { decodeEnterpriseLayer, type EnterpriseLayer } from '../../web/src/map/decode-enterprise-layer';
import { seededDb } from '../support/seeded';
import { engines } from '../support/test-db';

/** Each enterprise as the client sees it: codes through the dictionaries, quantised position. */
function byId(layer: EnterpriseLayer) {
  const out = new Map<number, string>();
  for (let i = 0; i < layer.n; i++) {
    const town = layer.town[i] ? layer.dict.towns[layer.town[i] - 1] : null;
    const park = layer.park[i] ? layer.dict.parks[layer.park[i] - 1] : null;
    out.set(
      layer.ids[i],
      [
        layer.positions[2 * i],
        layer.positions[2 * i + 1],
        layer.dict.counties[layer.county[i]],
        town,
        park,
        layer.dict.industries[layer.industry[i]],
        layer.flags[i],
      ].join('|'),
    );
  }
  return out;
}

// The server packs the layer in SQL and looks codes up in JS; the row-by-row builder is the
// straightforward reading of the same table. The client must not be able to tell them apart.
describe.each(engines)('enterprise layer encoding on %s', (engine) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await seededDb(engine);
  });
  afterAll(() => h?.close());

  it('packs every enterprise exactly as the row-by-row encoder does', async () => {
    const packed = decodeEnterpriseLayer((await encodeEnterpriseLayerFromDb(h.db, 7)).buffer as ArrayBuffer);
    const rows = await loadLayerRows(h.db);
    const plain = decodeEnterpriseLayer(encodeEnterpriseLayer(rows, 7).buffer as ArrayBuffer);
    expect(packed.n).toBe(rows.length);
    expect(packed.n).toBeGreaterThan(100);
    expect(packed.bounds).toEqual(plain.bounds);
    expect(byId(packed)).toEqual(byId(plain));
    // Enterprises in and out of parks, with every flag, so each column was exercised.
    expect(new Set(rows.map((r) => r.parkId === null))).toEqual(new Set([true, false]));
    expect(new Set(rows.map((r) => r.townCode)).size).toBeGreaterThan(5);
    expect(new Set(rows.map((r) => `${r.colour}${r.keyPollutant}${r.insured}`)).size).toBeGreaterThan(6);
    // Sorted dictionaries: the same data always gives the same bytes.
    expect(packed.dict.counties).toEqual([...packed.dict.counties].sort());
    expect(packed.dict.parks).toEqual([...packed.dict.parks].sort((a, b) => a - b));
  });

  it('gives the same rows in the same order after updates have moved rows around the table', async () => {
    // New row versions land at the end of the heap, so a scan no longer meets them in id order.
    await h.db.execute(sql`update enterprises set colour = 'red' where id % 3 = 0`);
    const packed = decodeEnterpriseLayer((await encodeEnterpriseLayerFromDb(h.db, 8)).buffer as ArrayBuffer);
    const plain = decodeEnterpriseLayer(encodeEnterpriseLayer(await loadLayerRows(h.db), 8).buffer as ArrayBuffer);
    expect([...packed.ids]).toEqual([...plain.ids]);
    expect(byId(packed)).toEqual(byId(plain));
  });
});
