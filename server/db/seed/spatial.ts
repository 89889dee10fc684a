import bbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { featureCollection, point, polygon as turfPolygon } from '@turf/helpers';
import intersect from '@turf/intersect';
import voronoi from '@turf/voronoi';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Rng } from './rng';

export type Area = Polygon | MultiPolygon;
export type BBox = [number, number, number, number];
export type LonLat = [number, number];

const METRES_PER_DEGREE_LAT = 110_574;
const metresPerDegreeLon = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

export function bboxOf(geometry: Area): BBox {
  return bbox(geometry) as BBox;
}

export function contains(geometry: Area, lon: number, lat: number): boolean {
  return booleanPointInPolygon([lon, lat], geometry);
}

/** Moves a point by metres east/north (equirectangular; fine at city scale). */
export function offsetMetres(lon: number, lat: number, east: number, north: number): LonLat {
  return [lon + east / metresPerDegreeLon(lat), lat + north / METRES_PER_DEGREE_LAT];
}

export function distanceMetres(a: LonLat, b: LonLat): number {
  const dx = (a[0] - b[0]) * metresPerDegreeLon((a[1] + b[1]) / 2);
  const dy = (a[1] - b[1]) * METRES_PER_DEGREE_LAT;
  return Math.hypot(dx, dy);
}

export function randomPointIn(rng: Rng, geometry: Area, box: BBox = bboxOf(geometry), maxTries = 10_000): LonLat {
  for (let i = 0; i < maxTries; i++) {
    const lon = box[0] + (box[2] - box[0]) * rng();
    const lat = box[1] + (box[3] - box[1]) * rng();
    if (contains(geometry, lon, lat)) return [lon, lat];
  }
  throw new Error('randomPointIn: no point found inside the polygon');
}

export const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function roundCoordinates(geometry: Area): Area {
  const ring = (r: number[][]) => {
    const out: number[][] = [];
    for (const p of r) {
      const q = [round5(p[0]), round5(p[1])];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

/**
 * Voronoi cells of the sites clipped to the container: an approximate partition (towns of a
 * county, village grids of a town) when only the centres are known. Cells come back in site order.
 */
export function voronoiPartition(sites: LonLat[], container: Area): Area[] {
  const box = bboxOf(container);
  const pad = 0.01;
  const cells = voronoi(featureCollection(sites.map((s) => point(s))), {
    bbox: [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad],
  });
  const containerFeature: Feature<Area> = { type: 'Feature', properties: {}, geometry: container };
  return sites.map((site, i) => {
    const cell = cells.features[i];
    const clipped = cell ? intersect(featureCollection([cell, containerFeature])) : null;
    // A site with no cell (duplicate) or an empty clip keeps a tiny square so every region has a shape.
    if (!clipped) {
      const d = 0.002;
      return turfPolygon([
        [
          [site[0] - d, site[1] - d],
          [site[0] + d, site[1] - d],
          [site[0] + d, site[1] + d],
          [site[0] - d, site[1] + d],
          [site[0] - d, site[1] - d],
        ],
      ]).geometry;
    }
    return roundCoordinates(clipped.geometry);
  });
}

/** Which polygon holds a point: Flatbush narrows by bbox, turf decides. First match in item order. */
export class PolygonIndex<T> {
  private readonly index: Flatbush;
  private readonly items: { geometry: Area; value: T }[];

  constructor(items: { geometry: Area; value: T }[]) {
    this.items = items;
    this.index = new Flatbush(Math.max(1, items.length));
    for (const item of items) {
      const b = bboxOf(item.geometry);
      this.index.add(b[0], b[1], b[2], b[3]);
    }
    if (items.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  find(lon: number, lat: number, accept: (value: T) => boolean = () => true): T | undefined {
    const hits = this.index.search(lon, lat, lon, lat).sort((a, b) => a - b);
    for (const i of hits) {
      const item = this.items[i];
      if (item && accept(item.value) && contains(item.geometry, lon, lat)) return item.value;
    }
    return undefined;
  }
}
