/**
 * The API's validation details ({path, message}) in plain words: the field gets a human name
 * ("高锰酸盐指数 年均值") and zod's English phrases ("Too small: expected number to be >=0")
 * become sentences; messages the domain already writes bilingually keep just our language.
 */
import type { T } from '../../i18n/use-i18n';
import type { Lang } from '../../state/view-state';

export type Issue = { path?: string; message?: string };

const INDICATORS = new Set(['do', 'codmn', 'nh3n', 'tp']);

export function fieldName(path: string, t: T): string {
  const [head, key] = path.split('.');
  const indicator = key && INDICATORS.has(key) ? t(`indicator.${key}` as Parameters<T>[0]) : (key ?? '');
  if (head === 'means') return t('basin.field.mean', { indicator });
  if (head === 'baseline') return t('basin.field.baseline', { indicator });
  if (head === 'amount') return t('basin.field.amount');
  if (head === 'k0') return t('basin.field.k0');
  if (head === 'coverage') return t('basin.field.coverage');
  if (head === 'weights') return t('basin.field.weights');
  return path;
}

/** "中文说明 (english text)" → the part in the reader's language. */
export function pickLanguage(message: string, lang: Lang): string {
  const m = /^(.*?[\u4e00-\u9fff].*?)\s*[(（]([^()（）]*[A-Za-z][^()（）]*)[)）]\s*$/.exec(message);
  if (!m) return message;
  return lang === 'en' ? m[2] : m[1];
}

export function describeIssue(issue: Issue, t: T, lang: Lang): string {
  const field = fieldName(issue.path ?? '', t);
  const message = issue.message ?? '';
  if (/[\u4e00-\u9fff]/.test(message)) return pickLanguage(message, lang);
  const small = /too small.*?([<>]=?)\s*(-?[\d.e+]+)/i.exec(message);
  if (small) return t('basin.issue.tooSmall', { field, min: small[2] });
  const big = /too big.*?([<>]=?)\s*(-?[\d.e+]+)/i.exec(message);
  if (big) return t('basin.issue.tooBig', { field, max: big[2] });
  if (/expected number|finite|NaN/i.test(message)) return t('basin.issue.notNumber', { field });
  return `${field}: ${message}`;
}
