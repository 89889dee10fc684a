import { useI18n } from '../i18n/use-i18n';

type Props = {
  /** The day the figures beside it are counted as of (YYYY-MM-DD). */
  date: string;
  /** True when no period is chosen: the figures are the latest the data holds. */
  latest: boolean;
  testId?: string;
};

/** "截至 2025-03-31 / as of 31 Mar 2025" under a group of figures, so nobody reads a period's numbers as today's. */
export function AsOfNote({ date, latest, testId }: Props) {
  const { t, fmt } = useI18n();
  return (
    <p className="as-of-note" title={t('asOf.label')} data-testid={testId} data-date={date}>
      <time dateTime={date}>{t(latest ? 'asOf.latest' : 'asOf.caption', { date: fmt.day(date) })}</time>
    </p>
  );
}
