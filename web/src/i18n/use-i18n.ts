/**
 * t(key, params) in the current language. The language lives in the view state (URL + local
 * storage), so switching it is one history entry like any other view change.
 */
import { useCallback, useMemo } from 'react';
import type { Lang } from '../state/view-state';
import { useViewState } from '../state/view-store';
import { type MessageKey, messages } from './messages';

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = (lang === 'en' ? messages.en[key] : undefined) ?? messages.zh[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A message for a server enum value (e.g. `risk.high`), or the raw value if we have none. */
export function translateEnum(lang: Lang, prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  return key in messages.zh ? translate(lang, key) : value;
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
  return { t, te, lang, locale, fmt };
}
