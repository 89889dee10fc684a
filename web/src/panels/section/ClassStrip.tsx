/** The last 24 months as coloured cells, one per month, in the map's class palette. */
import type { ReadingPoint } from '../../api/get-section-readings';
import { useI18n } from '../../i18n/use-i18n';
import { NO_DATA_COLOUR, normaliseClass, WATER_CLASS_COLOURS } from '../../map/palette';

export const STRIP_MONTHS = 24;

/** The `count` months ending with `lastMonth` ('YYYY-MM'), oldest first. */
export function monthsEndingAt(lastMonth: string, count: number): string[] {
  const [y, m] = lastMonth.split('-').map(Number);
  const out: string[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

export function ClassStrip({ points, lastMonth }: { points: ReadingPoint[]; lastMonth: string }) {
  const { t, waterClass } = useI18n();
  const byMonth = new Map(points.map((p) => [p.time, normaliseClass(p.class)]));
  const months = monthsEndingAt(lastMonth, STRIP_MONTHS);
  return (
    <div className="class-strip-wrap">
      <ol className="class-strip" data-testid="class-strip" aria-label={t('section.strip')}>
        {months.map((month) => {
          const cls = byMonth.get(month) ?? null;
          const text = cls
            ? t('section.stripCell', { month, cls: waterClass(cls, true) })
            : t('section.stripNoData', { month });
          return (
            <li
              key={month}
              className="class-cell"
              style={{ background: cls ? WATER_CLASS_COLOURS[cls] : NO_DATA_COLOUR }}
              title={text}
              aria-label={text}
            >
              <span aria-hidden="true">{cls ? waterClass(cls) : ''}</span>
            </li>
          );
        })}
      </ol>
      <div className="class-strip-axis" aria-hidden="true">
        <span>{months[0]}</span>
        <span>{months[months.length - 1]}</span>
      </div>
    </div>
  );
}
