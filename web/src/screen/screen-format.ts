import { addDays, dayOf, formatInstant } from '../../../server/domain/dates';
import { waterClassName } from '../i18n/names';
import { normaliseClass } from '../map/palette';
import { SCREEN_LANG } from './screen-text';

/** Number and time formats for the wall screen: thousands separators, money in 万元 (¥ and M/k in English). */
const en = SCREEN_LANG === 'en';
const int = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const pct = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

export const fmtInt = (n: number) => int.format(n);
export const fmtPct = (x: number) => pct.format(x);
/** Yuan to 万元 without the unit: 7,700,000 → "770". */
export const fmtWan = (yuan: number) => wan.format(yuan / 10_000);
/** Signed 万元 for settlements: +770 / −1,430 (true minus sign). */
export const fmtSignedWan = (yuan: number) => (yuan > 0 ? `+${fmtWan(yuan)}` : yuan < 0 ? `−${fmtWan(-yuan)}` : '0');

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
/** Money with its unit in the screen's language: "770 万元" / "¥7.7M"; signed for settlements. */
export function fmtMoney(yuan: number, signed = false): string {
  const sign = signed ? (yuan > 0 ? '+' : yuan < 0 ? '−' : '') : yuan < 0 ? '−' : '';
  const abs = Math.abs(yuan);
  return en ? `${sign}¥${compact.format(abs)}` : `${sign}${fmtWan(abs)} 万元`;
}
/** A money figure for a KPI tile: the number and its unit apart. */
export const moneyParts = (yuan: number) =>
  en ? { value: `¥${compact.format(yuan)}`, unit: '' } : { value: fmtWan(yuan), unit: '万元' };

// Times on the bureau's clock, whatever zone the screen's computer is set to.
export const fmtHm = (d: Date) => formatInstant(d).slice(11, 16);
export const fmtHms = (d: Date) => formatInstant(d).slice(11, 19);
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const fmtDateLong = (d: Date) => {
  const [y, m, day] = dayOf(d).split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
  return en ? `${DAYS_EN[weekday]}, ${day} ${MONTHS_EN[m - 1]} ${y}` : `${y}年${m}月${day}日 星期${WEEKDAYS[weekday]}`;
};
/** "2026-06-30" → "2026年6月30日" / "30 Jun 2026". */
export const fmtIsoDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return en ? `${d} ${MONTHS_EN[m - 1]} ${y}` : `${y}年${m}月${d}日`;
};

/** The ISO date `days` before an ISO date. */
export const isoDaysBefore = (iso: string, days: number): string => addDays(iso, -days);

/** GB 3838 class as on bulletins: Ⅱ 类, 劣Ⅴ 类 / Class II, Worse than V. */
export const fmtClass = (c: string | null | undefined) => {
  const cls = normaliseClass(c);
  return cls ? waterClassName(SCREEN_LANG, cls, true) : (c ?? '—');
};
