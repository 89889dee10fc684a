// Coordinate reference systems of imported points. Storage is WGS84 (= CGCS2000 at this
// precision); Chinese web maps use the obfuscated GCJ-02 (Amap, Tencent) or BD-09 (Baidu).
import gcoord from 'gcoord';

export type Crs = 'wgs84' | 'gcj02' | 'bd09';

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

function check(lon: number, lat: number, crs: Crs): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new RangeError('lon/lat must be finite numbers');
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw new RangeError(`lon/lat out of range: ${lon}, ${lat}`);
  if (!(crs in GCOORD_CRS)) throw new RangeError(`unknown CRS: ${String(crs)}`);
}

function transform(lon: number, lat: number, from: Crs, to: Crs): [number, number] {
  if (from === to) return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat] as [number, number], GCOORD_CRS[from], GCOORD_CRS[to]);
  return [x, y];
}

export function toWgs84(lon: number, lat: number, crs: Crs): [number, number] {
  check(lon, lat, crs);
  return transform(lon, lat, crs, 'wgs84');
}

export function wgs84To(lon: number, lat: number, crs: Crs): [number, number] {
  check(lon, lat, crs);
  return transform(lon, lat, 'wgs84', crs);
}

/** Rough bounding box of China. GCJ-02 offsets only apply inside it; also a sanity check on imports. */
export function isInChina(lon: number, lat: number): boolean {
  return lon >= 73 && lon <= 135.1 && lat >= 3.8 && lat <= 53.6;
}
