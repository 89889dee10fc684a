import type { EnterpriseCode } from '../../api/get-enterprise-code';
import { useI18n } from '../../i18n/use-i18n';
import { CODE_COLOURS } from '../../map/palette';
import { THRESHOLDS } from '../code-rules';

const W = 340;
const H = 110;
const PAD = { l: 26, r: 8, t: 8, b: 20 };

/**
 * Score over time on the code's bands (green ≥ 85, yellow 60–84, red < 60), one dot per
 * assessment coloured by the code it gave. A plain SVG: a dozen points need no chart library.
 */
export function CodeHistory({ code }: { code: EnterpriseCode }) {
  const { t } = useI18n();
  const points = [...code.history].sort((a, b) => (a.date < b.date ? -1 : 1));
  if (points.length === 0) return <p className="muted">{t('ent.noHistory')}</p>;
  const t0 = Date.parse(points[0].date);
  const t1 = Date.parse(points[points.length - 1].date);
  const x = (d: string) =>
    PAD.l + (t1 === t0 ? (W - PAD.l - PAD.r) / 2 : ((Date.parse(d) - t0) / (t1 - t0)) * (W - PAD.l - PAD.r));
  const y = (s: number) => PAD.t + (1 - s / 100) * (H - PAD.t - PAD.b);
  const bands = [
    { from: 100, to: THRESHOLDS.green, colour: CODE_COLOURS.green },
    { from: THRESHOLDS.green, to: THRESHOLDS.yellow, colour: CODE_COLOURS.yellow },
    { from: THRESHOLDS.yellow, to: 0, colour: CODE_COLOURS.red },
  ];
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  return (
    <figure className="history">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('ent.scoreChart')}>
        {bands.map((b) => (
          <rect
            key={b.from}
            x={PAD.l}
            width={W - PAD.l - PAD.r}
            y={y(b.from)}
            height={y(b.to) - y(b.from)}
            fill={b.colour}
            opacity={0.1}
          />
        ))}
        {[100, THRESHOLDS.green, THRESHOLDS.yellow, 0].map((v) => (
          <text key={v} x={PAD.l - 4} y={y(v) + 4} textAnchor="end" className="axis">
            {v}
          </text>
        ))}
        <path d={line} fill="none" stroke="#cbd5e1" strokeWidth={1.5} />
        {points.map((p) => (
          <circle
            key={`${p.date}-${p.score}`}
            cx={x(p.date)}
            cy={y(p.score)}
            r={4}
            fill={CODE_COLOURS[p.colour]}
            stroke="#0b1220"
            strokeWidth={1.5}
          >
            <title>{`${p.date} · ${p.score}`}</title>
          </circle>
        ))}
        <text x={PAD.l} y={H - 5} className="axis">
          {points[0].date}
        </text>
        <text x={W - PAD.r} y={H - 5} textAnchor="end" className="axis">
          {points[points.length - 1].date}
        </text>
      </svg>
      <figcaption className="sr-only">{t('ent.scoreChart')}</figcaption>
      <ol className="history-list">
        {[...points]
          .reverse()
          .slice(0, 6)
          .map((p) => (
            <li key={`${p.date}-${p.score}`}>
              <span className="dot" style={{ background: CODE_COLOURS[p.colour] }} aria-hidden="true" />
              <time>{p.date}</time> {t(`colour.${p.colour}`)} · {t('ent.score', { score: p.score })}
            </li>
          ))}
      </ol>
    </figure>
  );
}
