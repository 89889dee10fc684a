/**
 * Strings of the wall screen (Chinese only: a lobby screen has no language switch). Shared
 * vocabulary (colour names and meanings) comes from the dashboard's i18n messages.
 */
import { translate } from '../i18n/use-i18n';
import type { SceneId } from './screen-params';

export const zh = (key: Parameters<typeof translate>[1]) => translate('zh', key);

export const SCENE_TITLES: Record<SceneId, string> = {
  overview: '全域概览',
  codes: '三色码分布',
  hotspots: '违法热点',
  basin: '流域生态补偿',
};

export const COLOUR_TEXT = {
  red: { name: zh('colour.red'), meaning: zh('colour.red.meaning') },
  yellow: { name: zh('colour.yellow'), meaning: zh('colour.yellow.meaning') },
  green: { name: zh('colour.green'), meaning: zh('colour.green.meaning') },
};

export const APP_TITLE = zh('app.title');
export const CITY = zh('app.city');
export const DEMO = zh('app.demo');
export const DEMO_HINT = zh('app.demoHint');
