import { useHealth } from '../../api/get-health';
import { useLowestScoring } from '../../api/list-lowest-scoring';
import { CodeSymbol } from '../../components/CodeSymbol';
import { StateMessage } from '../../components/StateMessage';
import { useI18n } from '../../i18n/use-i18n';
import { setViewState } from '../../state/view-store';

const SHOWN = 5;

/** The park's lowest scores, worst first; a row opens the enterprise card with its reasons. */
export function ParkWorstList({ parkId }: { parkId: number }) {
  const { t, fmt } = useI18n();
  const list = useLowestScoring(parkId, SHOWN, useHealth().data?.dataVersion);
  if (list.isPending) return <StateMessage kind="loading" />;
  if (list.isError) return <StateMessage kind="error" error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <StateMessage kind="empty" />;
  return (
    <ol className="worst-list" data-testid="park-worst">
      {list.data.items.map((e) => (
        <li key={e.id}>
          <button
            type="button"
            className="worst-row"
            onClick={() => setViewState((s) => ({ ...s, selected: { type: 'enterprise', id: e.id } }))}
          >
            <CodeSymbol colour={e.colour} size={14} />
            <span className="worst-name" lang="zh">
              {e.name}
            </span>
            <span className="worst-score">{t('parkPanel.score', { score: fmt.int(e.score) })}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
