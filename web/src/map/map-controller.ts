/**
 * The one live MapLibre map, reachable from components that are not its children (search
 * box, detail panels) so they can fly the camera. Set by MapView; null until the map exists.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

let map: MapLibreMap | null = null;

/**
 * Space the floating panels cover, measured from the DOM, so "centre" and "fit" mean the
 * visible part of the map. On a phone the panels sit below the map and cover nothing.
 */
export function panelPadding() {
  const stage = document.querySelector('.stage')?.getBoundingClientRect();
  const floating = (selector: string) => {
    const el = document.querySelector(selector);
    return el && getComputedStyle(el).position === 'absolute' ? el.getBoundingClientRect() : null;
  };
  const left = floating('.left-panel');
  const right = floating('.side-panel');
  const drawer = floating('.table-drawer'); // the analysts' enterprise table, when open
  return {
    top: 30,
    bottom: stage && drawer ? stage.bottom - drawer.top + 20 : 30,
    left: stage && left ? left.right - stage.left + 20 : 30,
    right: stage && right ? stage.right - right.left + 20 : 30,
  };
}

export const mapController = {
  attach(m: MapLibreMap | null) {
    map = m;
  },
  get() {
    return map;
  },
  flyTo(lon: number, lat: number, zoom = 13) {
    map?.flyTo({ center: [lon, lat], zoom: Math.max(zoom, map.getZoom()), padding: panelPadding(), speed: 1.6 });
  },
  fitBounds(bounds: [number, number, number, number], animate = true, maxZoom?: number) {
    map?.fitBounds(
      [
        [bounds[0], bounds[1]],
        [bounds[2], bounds[3]],
      ],
      { padding: panelPadding(), animate, maxZoom },
    );
  },
};
