import type { HotspotBin } from '../api/get-hotspots';
import { st } from './screen-text';

export { FLOW_COLOUR as PAYMENT_COLOUR, HOTSPOT_COLOURS } from '../map/palette';

export const HOTSPOT_LABELS: Record<Exclude<HotspotBin, 'ns'>, string> = {
  hot99: st('screen.hot99'),
  hot95: st('screen.hot95'),
  hot90: st('screen.hot90'),
  cold90: st('screen.cold90'),
  cold95: st('screen.cold95'),
  cold99: st('screen.cold99'),
};

/** Settlement colours: a county that receives money (net > 0) versus one that pays. */
export const SETTLEMENT_COLOURS = { receives: '#2dd4bf', pays: '#f59e0b', even: '#64748b' };
