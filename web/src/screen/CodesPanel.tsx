import { memo, useMemo } from 'react';
import { type BarRow, StackedBarChart } from './StackedBarChart';
import type { ParkRow } from './screen-data';
import { fmtInt } from './screen-format';
import { st } from './screen-text';
import type { AreaRow } from './use-screen-derived';

type Props = {
  scopeName: string;
  county: string | null;
  areaRows: AreaRow[];
  parkRows: ParkRow[];
  /** The enterprise layer the area rows are counted from is still on its way (a province takes seconds). */
  loading: boolean;
};

/** Scene (b): the three colours by county (or by town when one county is in focus) and by park. */
export const CodesPanel = memo(function CodesPanel({ scopeName, county, areaRows, parkRows, loading }: Props) {
  const areas = useMemo((): BarRow[] => areaRows.map((r) => ({ name: r.name, ...r.counts })), [areaRows]);
  const parks = useMemo((): BarRow[] => parkRows.map((r) => ({ name: shortPark(r.name), ...r.counts })), [parkRows]);
  const redInParks = parkRows.reduce((s, r) => s + r.counts.red, 0);
  return (
    // Each chart gets height in proportion to its rows, so bars keep one thickness.
    <div
      className="s-codes"
      style={{ gridTemplateRows: `minmax(0, ${areaRows.length + 2.5}fr) minmax(0, ${parkRows.length + 2.5}fr)` }}
    >
      <section className="s-card s-codes-areas">
        <h2 className="s-card-title">
          {county ? st('screen.codes.byTown', { scope: scopeName }) : st('screen.codes.byCounty')}
          <span className="s-card-note">{st('screen.codes.unit')}</span>
        </h2>
        {loading ? (
          <p className="s-empty">{st('screen.loading')}</p>
        ) : (
          <StackedBarChart rows={areas} label={st('screen.codes.areasChart')} testId="chart-areas" />
        )}
      </section>
      <section className="s-card s-codes-parks">
        <h2 className="s-card-title">
          {st('screen.codes.parks')}
          <span className="s-card-note">
            {st('screen.codes.parksNote', { n: parkRows.length, red: fmtInt(redInParks) })}
          </span>
        </h2>
        <StackedBarChart rows={parks} label={st('screen.codes.parksChart')} testId="chart-parks" />
      </section>
    </div>
  );
});

/** Long park names lose their county prefix: "衢江区莲花工业园区" → "莲花工业园区" (English: "Qujiang "). */
function shortPark(name: string) {
  return name.length > 9
    ? name.replace(
        /^(衢江区|柯城区|常山县|开化县|龙游县|江山市|(Qujiang|Kecheng|Changshan|Kaihua|Longyou|Jiangshan) (?=\S+ ))/,
        '',
      )
    : name;
}
