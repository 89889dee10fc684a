/**
 * Decoder for the ENT2 binary enterprise layer (`GET /api/layers/enterprises`).
 *
 * Pure and allocation-light on purpose: typed columns and no per-enterprise objects, so
 * 1,000,000 enterprises decode in milliseconds and the typed arrays go straight to deck.gl as
 * binary attributes. The format is documented in
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

const HEADER_BYTES = 44;
/** The only layer format this page reads; the server says which it sent in byte 3. */
export const LAYER_FORMAT_VERSION = 2;
/** Positions travel as integers in units of 2^-17 degree (server/domain/layer-codec.ts). */
const UNITS_PER_DEGREE = 131_072;

export class LayerFormatError extends Error {
  override name = 'LayerFormatError';
  /** The format version the payload declared, when it was one this page does not know. */
  constructor(
    message: string,
    readonly version: number | null = null,
  ) {
    super(message);
  }
}

export const colourOf = (flags: number): Colour => COLOURS[flags & 3] ?? 'green';
export const isKeyPollutant = (flags: number) => (flags & 4) !== 0;
export const isInsured = (flags: number) => (flags & 8) !== 0;

/** Unsigned values of `width` bytes from byte planes (the server's byte shuffle, undone). */
function planes<T extends Uint8Array | Uint16Array | Uint32Array>(
  bytes: Uint8Array,
  off: number,
  n: number,
  width: number,
  out: T,
): T {
  const p0 = bytes.subarray(off, off + n);
  if (width === 1) {
    out.set(p0);
    return out;
  }
  const p1 = bytes.subarray(off + n, off + 2 * n);
  if (width === 2) {
    for (let i = 0; i < n; i++) out[i] = p0[i] | (p1[i] << 8);
    return out;
  }
  const p2 = bytes.subarray(off + 2 * n, off + 3 * n);
  if (width === 3) {
    for (let i = 0; i < n; i++) out[i] = p0[i] | (p1[i] << 8) | (p2[i] << 16);
    return out;
  }
  const p3 = bytes.subarray(off + 3 * n, off + 4 * n);
  for (let i = 0; i < n; i++) out[i] = (p0[i] | (p1[i] << 8) | (p2[i] << 16) | (p3[i] << 24)) >>> 0;
  return out;
}

/**
 * ENT2 (format documented in server/services/enterprise-layer.ts): rows in Hilbert order,
 * positions and ids delta-coded, every column byte-shuffled. A payload of another version is
 * refused with a LayerFormatError carrying that version, so the page can ask for a reload
 * instead of drawing garbage.
 */
export function decodeEnterpriseLayer(buffer: ArrayBuffer): EnterpriseLayer {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 4 || bytes[0] !== 0x45 || bytes[1] !== 0x4e || bytes[2] !== 0x54)
    throw new LayerFormatError('not an enterprise layer (no "ENT" header)');
  const version = bytes[3];
  if (version !== LAYER_FORMAT_VERSION)
    throw new LayerFormatError(
      `enterprise layer format version ${version > 0x30 && version < 0x3a ? String.fromCharCode(version) : version} is not one this page reads (${LAYER_FORMAT_VERSION})`,
      version > 0x30 && version < 0x3a ? version - 0x30 : version,
    );
  if (bytes.length < HEADER_BYTES) throw new LayerFormatError('payload shorter than the ENT2 header');
  const view = new DataView(buffer);
  const n = view.getUint32(4, true);
  const dataVersion = view.getUint32(8, true);
  const x0 = view.getInt32(12, true);
  const y0 = view.getInt32(16, true);
  const bounds: EnterpriseLayer['bounds'] = [
    view.getFloat32(20, true),
    view.getFloat32(24, true),
    view.getFloat32(28, true),
    view.getFloat32(32, true),
  ];
  const widths = bytes.subarray(36, 44);
  let columnsEnd = HEADER_BYTES;
  for (const w of widths) {
    if (w < 1 || w > 4) throw new LayerFormatError(`column width ${w} out of range`);
    columnsEnd += w * n;
  }
  if (bytes.length < columnsEnd + 4) throw new LayerFormatError('payload truncated in the columns');

  let off = HEADER_BYTES;
  const next = <T extends Uint8Array | Uint16Array | Uint32Array>(c: number, out: T): T => {
    planes(bytes, off, n, widths[c], out);
    off += widths[c] * n;
    return out;
  };
  // dx, dy and ids arrive as zigzag deltas: decoded in place into running sums.
  const dx = next(0, new Uint32Array(n));
  const dy = next(1, new Uint32Array(n));
  const ids = next(2, new Uint32Array(n));
  const town = next(3, new Uint16Array(n));
  const park = next(4, new Uint16Array(n));
  const industry = next(5, new Uint16Array(n));
  // One-byte columns are views onto the response: no copy.
  const county = widths[6] === 1 ? bytes.subarray(off, off + n) : next(6, new Uint8Array(n));
  off += widths[6] === 1 ? n : 0;
  const flags = widths[7] === 1 ? bytes.subarray(off, off + n) : next(7, new Uint8Array(n));
  off += widths[7] === 1 ? n : 0;

  const positions = new Float32Array(n * 2);
  let x = x0;
  let y = y0;
  let id = 0;
  for (let i = 0; i < n; i++) {
    const a = dx[i];
    const b = dy[i];
    const c = ids[i];
    x += (a >>> 1) ^ -(a & 1);
    y += (b >>> 1) ^ -(b & 1);
    id += (c >>> 1) ^ -(c & 1);
    positions[2 * i] = x / UNITS_PER_DEGREE;
    positions[2 * i + 1] = y / UNITS_PER_DEGREE;
    ids[i] = id;
  }

  const dictLength = view.getUint32(off, true);
  const dictStart = off + 4;
  if (bytes.length < dictStart + dictLength) throw new LayerFormatError('payload truncated in the dictionary');
  const dict = JSON.parse(
    new TextDecoder().decode(bytes.subarray(dictStart, dictStart + dictLength)),
  ) as EnterpriseLayerDictionaries;

  return { n, dataVersion, bounds, ids, positions, town, park, industry, county, flags, dict };
}

/** Position of the enterprise with this id, or null (used to fly to a selection from the URL). */
export function findEnterprise(layer: EnterpriseLayer, id: number): number | null {
  // Rows come in Hilbert order, not id order: a native scan (under a millisecond at a million).
  const i = layer.ids.indexOf(id);
  return i >= 0 ? i : null;
}
