import { WATER_CLASS_LABELS, type WaterClass } from '../map/palette';
import type { Lang } from '../state/view-state';
import { industryEn } from './industries-en';
import { placeEn } from './place-names';

// Names in the reader's language, without React or the view store, so the wall screen and tests can use them.
/** A place, park, river or section name: pinyin and official English names in English. */
export const placeName = (lang: Lang, name: string) => (lang === 'en' ? placeEn(name) : name);

/** A GB/T 4754 industry with its code: "C26 化学原料…" / "C 26 Manufacture of chemical raw materials…". */
export const industryName = (lang: Lang, code: string, name: string) =>
  lang === 'en' ? industryEn(code) : `${code} ${name}`;

const CLASS_EN: Record<WaterClass, string> = { I: 'I', II: 'II', III: 'III', IV: 'IV', V: 'V', worseV: '>V' };

/**
 * A GB 3838 class. Short: Ⅲ / 劣Ⅴ, III / >V (strips, map labels); long: Ⅲ 类 / 劣Ⅴ 类,
 * Class III / Worse than V (sentences and legends).
 */
export function waterClassName(lang: Lang, c: WaterClass, long = false): string {
  if (lang !== 'en') return long ? `${WATER_CLASS_LABELS[c]} 类` : WATER_CLASS_LABELS[c];
  if (!long) return CLASS_EN[c];
  return c === 'worseV' ? 'Worse than V' : `Class ${c}`;
}
