/**
 * t(key, params) in the current language. The language lives in the view state (URL + local
 * storage), so switching it is one history entry like any other view change.
 */
import { useCallback, useMemo } from 'react';
import { WATER_CLASS_LABELS, type WaterClass } from '../map/palette';
import type { Lang } from '../state/view-state';
import { useViewState } from '../state/view-store';
import { industryEn } from './industries-en';
import { placeEn } from './place-names';
import { type T, translate, translateEnum } from './translate';

export { type Params, type T, translate, translateEnum } from './translate';

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

export function useI18n() {
  const { lang } = useViewState();
  const t = useCallback<T>((key, params) => translate(lang, key, params), [lang]);
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  const fmt = useMemo(() => {
    const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      int: (n: number) => int.format(n),
      pct: (x: number) => pct.format(x),
      /** CNY, in 万元 for Chinese readers, thousands for English. */
      money: (yuan: number) =>
        lang === 'en'
          ? `¥${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, notation: 'compact' }).format(yuan)}`
          : yuan >= 10_000
            ? `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(yuan / 10_000)} 万元`
            : `${int.format(yuan)} 元`,
    };
  }, [lang, locale]);
  const te = useCallback((prefix: string, value: string) => translateEnum(lang, prefix, value), [lang]);
  const place = useCallback((name: string) => placeName(lang, name), [lang]);
  const industry = useCallback((code: string, name: string) => industryName(lang, code, name), [lang]);
  const waterClass = useCallback((c: WaterClass, long = false) => waterClassName(lang, c, long), [lang]);
  return { t, te, lang, locale, fmt, place, industry, waterClass };
}
