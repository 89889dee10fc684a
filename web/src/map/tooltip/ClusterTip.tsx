import { CodeSymbol } from '../../components/CodeSymbol';
import { useI18n } from '../../i18n/use-i18n';

/** A cluster disc: how many enterprises of each colour it stands for (province scale, zoomed out). */
export function ClusterTip({ green, yellow, red }: { green: number; yellow: number; red: number }) {
  const { t, fmt } = useI18n();
  return (
    <>
      <div className="tip-title">{t('cluster.title', { count: fmt.int(green + yellow + red) })}</div>
      <div className="tip-sub cluster-counts">
        {(
          [
            ['red', red],
            ['yellow', yellow],
            ['green', green],
          ] as const
        ).map(([colour, n]) => (
          <span key={colour}>
            <CodeSymbol colour={colour} size={12} /> {t(`colour.${colour}`)} {fmt.int(n)}
          </span>
        ))}
      </div>
      <div className="tip-sub">{t('cluster.hint')}</div>
    </>
  );
}
