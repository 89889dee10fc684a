// Message lookup without React or the view state, so plain modules (and unit tests) can word things.
import type { Lang } from '../state/view-state';
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
