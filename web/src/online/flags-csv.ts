/** The flag list as CSV rows (header first), in the reader's language, Beijing wall-clock times. */
import { translate } from '../i18n/translate';
import type { Lang } from '../state/view-state';
import type { CsvCell } from '../table/csv';
import { type FlagForSummary, flagSummary } from './flag-summary';
import { HOUR_MS, wallClock, wallText } from './outlet-chart-model';
import { pollutantName, pollutantUnit } from './pollutants';

export type CsvFlag = FlagForSummary & {
  id: number;
  enterpriseName: string;
  outletCode: string;
  pollutant: string;
  from: string;
  to: string;
  rulesVersion: string;
};

export function flagsCsvRows(flags: CsvFlag[], lang: Lang): CsvCell[][] {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const header = [
    t('flags.csv.id'),
    t('flags.csv.kind'),
    t('flags.csv.enterprise'),
    t('flags.csv.outlet'),
    t('flags.csv.pollutant'),
    t('flags.csv.from'),
    t('flags.csv.to'),
    t('flags.csv.hours'),
    t('flags.csv.evidence'),
    t('flags.csv.rules'),
  ];
  const rows = flags.map((f) => {
    const from = wallClock(f.from);
    const to = wallClock(f.to);
    return [
      f.id,
      translate(lang, `flags.kind.${f.kind}` as 'flags.kind.gap'),
      f.enterpriseName,
      f.outletCode,
      pollutantName(lang, f.pollutant),
      wallText(from),
      wallText(to),
      Math.round((to - from) / HOUR_MS),
      flagSummary(f, pollutantUnit(f.pollutant), lang, (c) => pollutantName(lang, c)),
      f.rulesVersion,
    ];
  });
  return [header, ...rows];
}
