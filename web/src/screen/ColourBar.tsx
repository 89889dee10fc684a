import { CODE_COLOURS } from '../map/palette';
import type { ColourCounts } from './screen-data';
import { fmtInt, fmtPct } from './screen-format';
import { COLOUR_TEXT } from './screen-text';

/** The three-colour composition as one proportional bar with its legend. */
export function ColourBar({ counts }: { counts: ColourCounts }) {
  const parts = (['red', 'yellow', 'green'] as const).map((c) => ({ c, n: counts[c] }));
  const total = Math.max(1, counts.total);
  return (
    <div className="s-colourbar">
      <div className="s-colourbar-track" aria-hidden="true">
        {parts.map(({ c, n }) =>
          n > 0 ? <span key={c} style={{ flexGrow: n, background: CODE_COLOURS[c] }} /> : null,
        )}
      </div>
      <ul className="s-colourbar-legend">
        {parts.map(({ c, n }) => (
          <li key={c}>
            <i style={{ background: CODE_COLOURS[c] }} aria-hidden="true" />
            <span className="s-colourbar-name">{COLOUR_TEXT[c].name}</span>
            <b>{fmtInt(n)}</b>
            <span className="s-colourbar-pct">{fmtPct(n / total)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
