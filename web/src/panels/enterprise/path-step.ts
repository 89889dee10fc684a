import type { EnterpriseCode } from '../../api/get-enterprise-code';
import type { T } from '../../i18n/translate';
import { BONUS_MIN_RATE, WINDOW_MONTHS } from '../code-rules';

type Step = EnterpriseCode['pathToGreen'][number];

/** A record's id as " #id"; nothing when the public sees no evidence or the fact has no id (its day stands in). */
function ref(step: Step): string {
  const id = step.evidence[0];
  return id === undefined || (typeof id === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(id)) ? '' : ` #${id}`;
}

/** The server gives the steps as data (rule, points, dates); the words are the app's, in either language. */
export function pathStepText(step: Step, t: T): string {
  return t(`path.${step.rule}`, {
    ref: ref(step),
    date: step.date ?? '',
    factDate: step.factDate ?? '',
    count: step.count ?? 0,
    months: WINDOW_MONTHS,
    rate: Math.round(BONUS_MIN_RATE * 100),
  });
}
