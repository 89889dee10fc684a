import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';

// Committed files written by extract-geo.ts; the seed never reads node_modules at run time.
const geoDir = fileURLToPath(new URL('../../../data/geo/', import.meta.url));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(`${geoDir}${name}`, 'utf8')) as T;

export type CountyFeature = Feature<Polygon, { code: string; name: string; center: [number, number] }>;
export type TownEntry = { code: string; name: string; countyCode: string };
export type RiverFeature = Feature<LineString, { name: string; basin: string }>;

export const loadCounties = () =>
  readJson<FeatureCollection<Polygon, CountyFeature['properties']>>('quzhou-counties.geojson')
    .features as CountyFeature[];
export const loadCityOutline = () => readJson<Feature<Polygon, { code: string; name: string }>>('quzhou-city.geojson');
export const loadTowns = () => readJson<TownEntry[]>('quzhou-towns.json');
export const loadRivers = () =>
  readJson<FeatureCollection<LineString, RiverFeature['properties']>>('quzhou-rivers.geojson')
    .features as RiverFeature[];
