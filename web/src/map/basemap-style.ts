/**
 * The offline basemap, built in code: a dark thematic style whose only sources are GeoJSON
 * from our own API. There is deliberately no `glyphs` and no `sprite` (both would be network
 * fetches), hence no MapLibre symbol layers — every label is a deck.gl TextLayer instead.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { LayerId } from '../state/view-state';
import { BASEMAP } from './palette';

const empty = { type: 'FeatureCollection' as const, features: [] };

export const SOURCE_IDS = ['counties', 'towns', 'rivers', 'parks', 'grids'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** MapLibre layers belonging to each toggle in the layer panel, with their full opacity. */
type OpacityPaint = 'fill-opacity' | 'line-opacity';

export const MAPLIBRE_LAYERS: Partial<Record<LayerId, { id: string; paint: OpacityPaint; opacity: number }[]>> = {
  counties: [
    { id: 'county-fill', paint: 'fill-opacity', opacity: 1 },
    { id: 'county-line', paint: 'line-opacity', opacity: 0.9 },
  ],
  towns: [{ id: 'town-line', paint: 'line-opacity', opacity: 0.8 }],
  rivers: [
    { id: 'river-glow', paint: 'line-opacity', opacity: 0.35 },
    { id: 'river-line', paint: 'line-opacity', opacity: 1 },
  ],
  parks: [
    { id: 'park-fill', paint: 'fill-opacity', opacity: 0.22 },
    { id: 'park-line', paint: 'line-opacity', opacity: 1 },
  ],
  grids: [{ id: 'grid-line', paint: 'line-opacity', opacity: 0.75 }],
};

const layers: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': BASEMAP.background } },
  {
    id: 'county-fill',
    type: 'fill',
    source: 'counties',
    paint: {
      // `tone` is added client-side (index mod 6) so neighbouring counties read apart.
      'fill-color': [
        'match',
        ['get', 'tone'],
        ...BASEMAP.countyTones.flatMap((c, i) => [i, c]),
        BASEMAP.countyTones[0],
      ] as unknown as string,
      'fill-opacity': 1,
    },
  },
  {
    id: 'grid-line',
    type: 'line',
    source: 'grids',
    paint: { 'line-color': BASEMAP.grid, 'line-width': 0.8, 'line-dasharray': [3, 2], 'line-opacity': 0.75 },
  },
  {
    id: 'town-line',
    type: 'line',
    source: 'towns',
    paint: {
      'line-color': BASEMAP.townLine,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 12, 1.2],
      'line-dasharray': [2, 2],
      'line-opacity': 0.8,
    },
  },
  {
    id: 'river-glow',
    type: 'line',
    source: 'rivers',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': BASEMAP.riverGlow,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 4, 13, 12],
      'line-blur': 3,
      'line-opacity': 0.35,
    },
  },
  {
    id: 'river-line',
    type: 'line',
    source: 'rivers',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': BASEMAP.river,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.4, 13, 4],
      'line-opacity': 1,
    },
  },
  {
    id: 'county-line',
    type: 'line',
    source: 'counties',
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': BASEMAP.countyLine,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 12, 2.4],
      'line-opacity': 0.9,
    },
  },
  {
    id: 'park-fill',
    type: 'fill',
    source: 'parks',
    paint: { 'fill-color': BASEMAP.parkFill, 'fill-opacity': 0.22 },
  },
  {
    id: 'park-line',
    type: 'line',
    source: 'parks',
    paint: {
      'line-color': BASEMAP.parkLine,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 13, 2.5],
      'line-opacity': 1,
    },
  },
  {
    id: 'park-selected',
    type: 'line',
    source: 'parks',
    filter: ['==', ['get', 'id'], -1],
    paint: { 'line-color': BASEMAP.selection, 'line-width': 3.5 },
  },
];

export function buildBasemapStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'eco-dark',
    sources: Object.fromEntries(SOURCE_IDS.map((id) => [id, { type: 'geojson', data: empty }])),
    layers,
  };
}
