import { addDays, dayOf, formatInstant } from '../../../server/domain/dates';

/** Number and time formats for the wall screen: Chinese, thousands separators, money in 万元. */
const int = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const pct = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

export const fmtInt = (n: number) => int.format(n);
export const fmtPct = (x: number) => pct.format(x);
/** Yuan to 万元 without the unit: 7,700,000 → "770". */
export const fmtWan = (yuan: number) => wan.format(yuan / 10_000);
/** Signed 万元 for settlements: +770 / −1,430 (true minus sign). */
export const fmtSignedWan = (yuan: number) => (yuan > 0 ? `+${fmtWan(yuan)}` : yuan < 0 ? `−${fmtWan(-yuan)}` : '0');

// Times on the bureau's clock, whatever zone the screen's computer is set to.
export const fmtHm = (d: Date) => formatInstant(d).slice(11, 16);
export const fmtHms = (d: Date) => formatInstant(d).slice(11, 19);
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
export const fmtDateLong = (d: Date) => {
  const [y, m, day] = dayOf(d).split('-').map(Number);
  return `${y}年${m}月${day}日 星期${WEEKDAYS[new Date(Date.UTC(y, m - 1, day)).getUTCDay()]}`;
};
/** "2026-06-30" → "2026年6月30日". */
export const fmtIsoDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The ISO date `days` before an ISO date. */
export const isoDaysBefore = (iso: string, days: number): string => addDays(iso, -days);

/** GB 3838 class as shown on Chinese bulletins: Ⅱ类, 劣Ⅴ类. */
const ROMAN: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', 劣V: '劣Ⅴ' };
export const fmtClass = (c: string | null | undefined) => (c ? `${ROMAN[c] ?? c}类` : '—');
