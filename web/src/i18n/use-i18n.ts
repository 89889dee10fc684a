/**
 * t(key, params) in the current language. The language lives in the view state (URL + local
 * storage), so switching it is one history entry like any other view change.
 */
import { useCallback, useMemo } from 'react';
import type { WaterClass } from '../map/palette';
import { useViewState } from '../state/view-store';
import { industryName, placeName, waterClassName } from './names';
import { type T, translate, translateEnum } from './translate';

export { industryName, placeName, waterClassName } from './names';
export { type Params, type T, translate, translateEnum } from './translate';

export function useI18n() {
  const { lang } = useViewState();
  const t = useCallback<T>((key, params) => translate(lang, key, params), [lang]);
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  const fmt = useMemo(() => {
    const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    // A bureau calendar day (YYYY-MM-DD) is a label, not an instant: formatted in UTC, never shifted.
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return {
      int: (n: number) => int.format(n),
      pct: (x: number) => pct.format(x),
      /** 2025-03-31 in Chinese, 31 Mar 2025 in English. */
      day: (iso: string) => (lang === 'en' ? day.format(Date.parse(`${iso}T00:00:00Z`)) : iso),
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
