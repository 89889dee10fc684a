import { useId, useMemo } from 'react';
import { useHealth } from '../api/get-health';
import { useIndustries } from '../api/get-industries';
import { useI18n } from '../i18n/use-i18n';
import { updateFilters, useViewState } from '../state/view-store';
import { industryOptions } from './industry-tree';

/**
 * The GB/T 4754 tree as an indented native select: choosing a branch filters its whole
 * subtree (prefix match on the code). Native select keeps it keyboard- and screen-reader-
 * friendly without a custom tree widget.
 */
export function IndustrySelect() {
  const id = useId();
  const { t, fmt, lang, industry: industryLabel } = useI18n();
  const { industry } = useViewState().filters;
  const industries = useIndustries(useHealth().data?.dataVersion);
  const options = useMemo(() => industryOptions(industries.data?.items ?? []), [industries.data]);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {t('filters.industry')}
      </label>
      <select
        id={id}
        value={industry ?? ''}
        disabled={!industries.data}
        onChange={(e) => updateFilters({ industry: e.target.value || null })}
      >
        <option value="">{industries.isError ? t('state.error') : t('filters.all')}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {(lang === 'en' ? '\u00a0\u00a0' : '\u3000').repeat(o.depth)}
            {industryLabel(o.code, o.name)}
            {lang === 'en' ? ` (${fmt.int(o.count)})` : `（${fmt.int(o.count)}）`}
          </option>
        ))}
      </select>
    </div>
  );
}
