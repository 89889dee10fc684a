import type { T } from '../i18n/translate';
import { granularityOf } from '../state/period';

/** "2025 年第 3 季度" / "2025 Q3" for a period text ('YYYY', 'YYYYQn', 'YYYY-MM'). */
export function periodLabel(t: T, period: string): string {
  const year = period.slice(0, 4);
  const kind = granularityOf(period);
  if (kind === 'year') return t('period.yearOption', { year });
  if (kind === 'quarter') return t('period.quarterOption', { year, q: period.slice(5) });
  return t('period.monthOption', { year, m: period.slice(5, 7) });
}
