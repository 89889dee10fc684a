/**
 * "Which park has the most red enterprises?" — the parks ranked by red, then yellow, with a
 * stacked bar per park. A row opens the park and filters the map to it.
 */
import { useHealth } from '../../api/get-health';
import { useParks } from '../../api/get-parks';
import { StateMessage } from '../../components/StateMessage';
import { useI18n } from '../../i18n/use-i18n';
import { CODE_COLOURS } from '../../map/palette';
import { requestFilterZoom } from '../../map/zoom-to-filter';
import { usePeriodAsOf } from '../../state/use-period-window';
import { setViewState } from '../../state/view-store';

const TOP = 6;

export function ParkRanking() {
  const { t, fmt, place } = useI18n();
  const parks = useParks(useHealth().data?.dataVersion, usePeriodAsOf());
  if (parks.isPending) return <StateMessage kind="loading" />;
  if (parks.isError) return <StateMessage kind="error" error={parks.error} onRetry={() => void parks.refetch()} />;
  const ranked = parks.data.features
    .map((f) => f.properties)
    .sort((a, b) => b.byColour.red - a.byColour.red || b.byColour.yellow - a.byColour.yellow)
    .slice(0, TOP);
  if (ranked.length === 0) return <StateMessage kind="empty" />;
  const max = Math.max(...ranked.map((p) => p.enterpriseCount), 1);
  return (
    <section className="ranking" aria-labelledby="ranking-title" data-testid="park-ranking">
      <h3 id="ranking-title" className="ranking-title">
        {t('overview.parkRanking')}
      </h3>
      <ol className="ranking-list">
        {ranked.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="ranking-row"
              title={t('overview.parkRankingRow', {
                name: place(p.name),
                red: fmt.int(p.byColour.red),
                total: fmt.int(p.enterpriseCount),
              })}
              onClick={() => {
                setViewState((s) => ({
                  ...s,
                  selected: { type: 'park', id: p.id },
                  filters: { ...s.filters, park: p.id, county: null, town: null },
                }));
                requestFilterZoom();
              }}
            >
              <span className="ranking-name">{place(p.name)}</span>
              <span className="ranking-red">
                <span className="sr-only">{t('colour.red')} </span>
                {fmt.int(p.byColour.red)}
              </span>
              <span className="ranking-bar" aria-hidden="true">
                {(['red', 'yellow', 'green'] as const).map((c) => (
                  <span key={c} style={{ width: `${(p.byColour[c] / max) * 100}%`, background: CODE_COLOURS[c] }} />
                ))}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
