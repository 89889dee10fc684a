import { useHealth } from '../../api/get-health';
import { useParks } from '../../api/get-parks';
import { CodeSymbol } from '../../components/CodeSymbol';
import { useI18n } from '../../i18n/use-i18n';
import { usePeriodAsOf } from '../../state/use-period-window';

export function ParkTip({ id }: { id: number }) {
  const { t, fmt, place } = useI18n();
  const parks = useParks(useHealth().data?.dataVersion, usePeriodAsOf());
  const p = parks.data?.features.find((f) => f.properties.id === id)?.properties;
  if (!p) return null;
  return (
    <>
      <div className="tip-title">{place(p.name)}</div>
      <div className="tip-sub">
        {p.kind} · {t('park.enterprises', { n: fmt.int(p.enterpriseCount) })}
      </div>
      <div className="tip-colours">
        {(['green', 'yellow', 'red'] as const).map((c) => (
          <span key={c}>
            <CodeSymbol colour={c} size={12} /> {fmt.int(p.byColour[c])}
          </span>
        ))}
      </div>
    </>
  );
}
