/**
 * Strings of the wall screen. A lobby screen has no language switch: its URL sets the language
 * once (`?lang=en`), so it is read here, at load, and every scene speaks it. Shared vocabulary
 * (colour names and meanings, place names) comes from the dashboard's i18n.
 */
import { placeName } from '../i18n/names';
import { type Params, translate } from '../i18n/translate';
import type { Lang } from '../state/view-state';
import type { SceneId } from './screen-params';

// Outside a browser (unit tests of the formats) there is no address bar: Chinese, the screen's default.
export const SCREEN_LANG: Lang = new URLSearchParams(globalThis.location?.search ?? '').get('lang') === 'en' ? 'en' : 'zh';

export const st = (key: Parameters<typeof translate>[1], params?: Params) => translate(SCREEN_LANG, key, params);
export const sp = (name: string) => placeName(SCREEN_LANG, name);

export const SCENE_TITLES: Record<SceneId, string> = {
  overview: st('screen.scene.overview'),
  codes: st('screen.scene.codes'),
  hotspots: st('screen.scene.hotspots'),
  basin: st('screen.scene.basin'),
};

export const COLOUR_TEXT = {
  red: { name: st('colour.red'), meaning: st('colour.red.meaning') },
  yellow: { name: st('colour.yellow'), meaning: st('colour.yellow.meaning') },
  green: { name: st('colour.green'), meaning: st('colour.green.meaning') },
};

export const APP_TITLE = st('app.title');
export const CITY = st('app.city');
export const DEMO = st('app.demo');
export const DEMO_HINT = st('app.demoHint');
