import type { HotspotBin } from '../api/get-hotspots';

export { FLOW_COLOUR as PAYMENT_COLOUR, HOTSPOT_COLOURS } from '../map/palette';

export const HOTSPOT_LABELS: Record<Exclude<HotspotBin, 'ns'>, string> = {
  hot99: '热点 99% 置信',
  hot95: '热点 95% 置信',
  hot90: '热点 90% 置信',
  cold90: '冷点 90% 置信',
  cold95: '冷点 95% 置信',
  cold99: '冷点 99% 置信',
};

/** Settlement colours: a county that receives money (net > 0) versus one that pays. */
export const SETTLEMENT_COLOURS = { receives: '#2dd4bf', pays: '#f59e0b', even: '#64748b' };
