/** The current filter in words ("园区 衢州高新区 · 行业 C26 · 红码"), for the PNG title and exports. */
import { useHealth } from '../api/get-health';
import { useIndustries } from '../api/get-industries';
import { useParks } from '../api/get-parks';
import { useRegions } from '../api/get-regions';
import { useI18n } from '../i18n/use-i18n';
import { useViewState } from '../state/view-store';

export function useFilterSummary(): string {
  const { t } = useI18n();
  const { filters: f } = useViewState();
  const dataVersion = useHealth().data?.dataVersion;
  const parks = useParks(dataVersion);
  const counties = useRegions('county');
  const towns = useRegions('town', f.town !== null);
  const industries = useIndustries(dataVersion);
  const parts: string[] = [];
  const region = (data: typeof counties.data, code: string) =>
    data?.features.find((x) => x.properties.code === code)?.properties.name ?? code;
  if (f.county) parts.push(region(counties.data, f.county));
  if (f.town) parts.push(region(towns.data, f.town));
  if (f.park !== null)
    parts.push(
      parks.data?.features.find((x) => x.properties.id === f.park)?.properties.name ?? `${t('filters.park')} ${f.park}`,
    );
  if (f.industry) {
    const name = industries.data?.items.find((i) => i.code === f.industry)?.name;
    parts.push(name ? `${f.industry} ${name}` : f.industry);
  }
  if (f.colours.length) parts.push(f.colours.map((c) => t(`colour.${c}`)).join('/'));
  if (f.keyPollutant !== null)
    parts.push(`${t('filters.keyPollutant')}：${f.keyPollutant ? t('filters.yes') : t('filters.no')}`);
  if (f.insured !== null) parts.push(`${t('filters.insured')}：${f.insured ? t('filters.yes') : t('filters.no')}`);
  return parts.length ? parts.join(' · ') : t('png.allEnterprises');
}
