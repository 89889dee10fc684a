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

const two = (n: number) => String(n).padStart(2, '0');
export const fmtHm = (d: Date) => `${two(d.getHours())}:${two(d.getMinutes())}`;
export const fmtHms = (d: Date) => `${fmtHm(d)}:${two(d.getSeconds())}`;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
export const fmtDateLong = (d: Date) =>
  `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 星期${WEEKDAYS[d.getDay()]}`;
/** "2026-06-30" → "2026年6月30日". */
export const fmtIsoDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The ISO date `days` before an ISO date (UTC arithmetic, no time zone drift). */
export function isoDaysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** GB 3838 class as shown on Chinese bulletins: Ⅱ类, 劣Ⅴ类. */
const ROMAN: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', 劣V: '劣Ⅴ' };
export const fmtClass = (c: string | null | undefined) => (c ? `${ROMAN[c] ?? c}类` : '—');
