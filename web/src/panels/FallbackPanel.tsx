import { useHealth } from '../api/get-health';
import { useParks } from '../api/get-parks';
import { useSections } from '../api/get-sections';
import { CodeSymbol } from '../components/CodeSymbol';
import { useI18n } from '../i18n/use-i18n';
import { normaliseClass } from '../map/palette';
import { usePeriodAsOf } from '../state/use-period-window';
import type { Selection } from '../state/view-state';

/** What we can say about a park or section before its dedicated panel exists. */
export function FallbackPanel({ selection }: { selection: Selection }) {
  const { t, fmt, place, waterClass } = useI18n();
  const dataVersion = useHealth().data?.dataVersion;
  const parks = useParks(dataVersion, usePeriodAsOf());
  const sections = useSections(dataVersion, usePeriodAsOf());
  const park =
    selection.type === 'park'
      ? parks.data?.features.find((f) => f.properties.id === selection.id)?.properties
      : undefined;
  const section =
    selection.type === 'section'
      ? sections.data?.features.find((f) => f.properties.id === selection.id)?.properties
      : undefined;
  const latest = normaliseClass(section?.latest?.class);
  const target = normaliseClass(section?.targetClass);
  return (
    <div className="panel-body">
      {park && (
        <>
          <h2 className="panel-title">{park.name}</h2>
          <p className="muted">
            {park.kind} · {t('park.enterprises', { n: fmt.int(park.enterpriseCount) })}
          </p>
          <ul className="colour-counts">
            {(['red', 'yellow', 'green'] as const).map((c) => (
              <li key={c}>
                <CodeSymbol colour={c} size={16} /> {t(`colour.${c}`)} <strong>{fmt.int(park.byColour[c])}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      {section && (
        <>
          <h2 className="panel-title">{place(section.name)}</h2>
          <dl className="facts">
            <dt>{t('section.river')}</dt>
            <dd>{section.riverName ? place(section.riverName) : '—'}</dd>
            <dt>{t('section.latest')}</dt>
            <dd>{latest ? waterClass(latest, true) : '—'}</dd>
            <dt>{t('section.target')}</dt>
            <dd>{target ? waterClass(target, true) : section.targetClass}</dd>
          </dl>
        </>
      )}
      <p className="muted small">{t('panel.comingSoon')}</p>
    </div>
  );
}
