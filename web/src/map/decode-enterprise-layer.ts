/**
 * Decoder for the ENT1 binary enterprise layer (`GET /api/layers/enterprises`).
 *
 * Pure and allocation-light on purpose: the columns are views onto the response buffer (no
 * per-enterprise objects), so 1,000,000 enterprises decode in milliseconds and the typed
 * arrays go straight to deck.gl as binary attributes. The format is documented in
 * server/services/enterprise-layer.ts; this module must stay in step with it.
 */

export type Colour = 'green' | 'yellow' | 'red';
export const COLOURS: readonly Colour[] = ['green', 'yellow', 'red'];

export type EnterpriseLayerDictionaries = {
  counties: string[];
  towns: string[];
  parks: number[];
  industries: string[];
};

export type EnterpriseLayer = {
  n: number;
  dataVersion: number;
  bounds: [minLon: number, minLat: number, maxLon: number, maxLat: number];
  ids: Uint32Array;
  /** Interleaved lon, lat (WGS84) — the layout deck.gl's getPosition binary attribute wants. */
  positions: Float32Array;
  /** 0 = none, else index + 1 into dict.towns. */
  town: Uint16Array;
  /** 0 = none, else index + 1 into dict.parks. */
  park: Uint16Array;
  /** Index into dict.industries. */
  industry: Uint16Array;
  /** Index into dict.counties. */
  county: Uint8Array;
  /** Bits 0–1 colour (0 green, 1 yellow, 2 red), bit 2 key pollutant unit, bit 3 insured. */
  flags: Uint8Array;
  dict: EnterpriseLayerDictionaries;
};

const HEADER_BYTES = 32;
export const ENT1_FORMAT_VERSION = 1;

export class LayerFormatError extends Error {
  override name = 'LayerFormatError';
}

export const colourOf = (flags: number): Colour => COLOURS[flags & 3] ?? 'green';
export const isKeyPollutant = (flags: number) => (flags & 4) !== 0;
export const isInsured = (flags: number) => (flags & 8) !== 0;

export function decodeEnterpriseLayer(buffer: ArrayBuffer): EnterpriseLayer {
  if (buffer.byteLength < HEADER_BYTES) throw new LayerFormatError('payload shorter than the ENT1 header');
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== 'ENT1') throw new LayerFormatError(`unexpected magic ${JSON.stringify(magic)}`);
  const formatVersion = view.getUint32(4, true);
  if (formatVersion !== ENT1_FORMAT_VERSION) throw new LayerFormatError(`unsupported format version ${formatVersion}`);
  const n = view.getUint32(8, true);
  const dataVersion = view.getUint32(12, true);
  const minLon = view.getFloat32(16, true);
  const minLat = view.getFloat32(20, true);
  const maxLon = view.getFloat32(24, true);
  const maxLat = view.getFloat32(28, true);

  const columnsEnd = HEADER_BYTES + n * 16;
  const pad = (4 - (columnsEnd % 4)) % 4;
  if (buffer.byteLength < columnsEnd + pad + 4) throw new LayerFormatError('payload truncated in the columns');

  // Views, not copies: every column starts at an offset aligned for its element size (ids at
  // 32, the u16 columns at even offsets), so no byte shuffling is needed.
  let off = HEADER_BYTES;
  const ids = new Uint32Array(buffer, off, n);
  off += 4 * n;
  const lonQ = new Uint16Array(buffer, off, n);
  off += 2 * n;
  const latQ = new Uint16Array(buffer, off, n);
  off += 2 * n;
  const town = new Uint16Array(buffer, off, n);
  off += 2 * n;
  const park = new Uint16Array(buffer, off, n);
  off += 2 * n;
  const industry = new Uint16Array(buffer, off, n);
  off += 2 * n;
  const county = new Uint8Array(buffer, off, n);
  off += n;
  const flags = new Uint8Array(buffer, off, n);

  const dictLength = view.getUint32(columnsEnd + pad, true);
  const dictStart = columnsEnd + pad + 4;
  if (buffer.byteLength < dictStart + dictLength) throw new LayerFormatError('payload truncated in the dictionary');
  const dict = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, dictStart, dictLength)),
  ) as EnterpriseLayerDictionaries;

  const positions = new Float32Array(n * 2);
  const lonScale = (maxLon - minLon) / 65535;
  const latScale = (maxLat - minLat) / 65535;
  for (let i = 0; i < n; i++) {
    positions[2 * i] = minLon + lonQ[i] * lonScale;
    positions[2 * i + 1] = minLat + latQ[i] * latScale;
  }

  return {
    n,
    dataVersion,
    bounds: [minLon, minLat, maxLon, maxLat],
    ids,
    positions,
    town,
    park,
    industry,
    county,
    flags,
    dict,
  };
}

/** Position of the enterprise with this id, or null (used to fly to a selection from the URL). */
export function findEnterprise(layer: EnterpriseLayer, id: number): number | null {
  // ids are sorted ascending by the server (order by id): binary search.
  let lo = 0;
  let hi = layer.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = layer.ids[mid];
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  // The server sends ids in ascending order; fall back to a scan should that ever change.
  const i = layer.ids.indexOf(id);
  return i >= 0 ? i : null;
}
