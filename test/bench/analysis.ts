// Rows 3 (hotspots) and 4 (compensation), in-process on the province database.
import { sql } from 'drizzle-orm';
import { cellToLatLng, getHexagonEdgeLengthAvg, latLngToCell } from 'h3-js';
import { type Db, rowsOf } from '../../server/db/client';
import {
  binForZ,
  buildStudyGrid,
  computeHotspots,
  type MultiPolygonGeometry,
  type StudyGrid,
} from '../../server/domain/hotspots';
import { assessYear } from '../../server/services/compensation';
import { type BenchRow, fmtMs, log, medianMs, timeIt } from './common';

async function studyArea(db: Db): Promise<MultiPolygonGeometry> {
  const counties = rowsOf<{ geometry: { type: string; coordinates: unknown } }>(
    await db.execute(sql`select geometry from regions where level = 'county' and geometry is not null order by code`),
  );
  return {
    type: 'MultiPolygon',
    coordinates: counties.flatMap((c) =>
      c.geometry.type === 'MultiPolygon'
        ? (c.geometry.coordinates as number[][][][])
        : [c.geometry.coordinates as number[][][]],
    ),
  };
}

/**
 * The naive way: neighbours of each cell found by distance between cell centres over all cells
 * (O(n²)), then the same Gi*. Returns z per cell in grid order.
 */
function naiveHotspots(grid: StudyGrid, points: { lon: number; lat: number }[], limit: number) {
  const { cells, index } = grid;
  const n = cells.length;
  const x = new Float64Array(n);
  // Counting by the same cell assignment; only the neighbour search differs.
  for (const p of points) {
    const i = index.get(latLngToCell(p.lat, p.lon, grid.res));
    if (i !== undefined) x[i]++;
  }
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) [lat[i], lon[i]] = cellToLatLng(cells[i]);
  const spacingKm = getHexagonEdgeLengthAvg(grid.res, 'km') * Math.sqrt(3);
  const limitKm = spacingKm * 1.4;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const xBar = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - xBar) ** 2;
  const S = Math.sqrt(ss / n);
  const rows = Math.min(limit, n);
  const z = new Float64Array(rows);
  const R = 6371.0088;
  const rad = Math.PI / 180;
  for (let i = 0; i < rows; i++) {
    let m = 0;
    let local = 0;
    const la = lat[i] * rad;
    for (let j = 0; j < n; j++) {
      const dLat = (lat[j] - lat[i]) * rad;
      const dLon = (lon[j] - lon[i]) * rad * Math.cos((la + lat[j] * rad) / 2);
      if (R * Math.sqrt(dLat * dLat + dLon * dLon) <= limitKm) {
        m++;
        local += x[j];
      }
    }
    const spread = (n * m - m * m) / (n - 1);
    z[i] = spread > 0 ? (local - xBar * m) / (S * Math.sqrt(spread)) : 0;
  }
  return z;
}

export async function hotspotRows(db: Db, asOf: string): Promise<BenchRow[]> {
  const res = 8;
  const from = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
  const points = rowsOf<{ lon: number; lat: number }>(
    await db.execute(sql`select lon, lat from violation_cases where filed between ${from}::date and ${asOf}::date`),
  );
  const area = await studyArea(db);
  log(`hotspots: ${points.length} cases (${from}…${asOf}), res ${res}`);
  const gridBuild = await timeIt(() => buildStudyGrid(area, res));
  const grid = gridBuild.value;
  const cold = await timeIt(() => computeHotspots({ res, studyArea: area, points }));
  const warm = await medianMs(() => computeHotspots({ res, studyArea: area, points, grid }), 5, 1);
  const ours = computeHotspots({ res, studyArea: area, points, grid });
  // Naive baseline on a subset of rows (it is O(n²)), extrapolated linearly in rows.
  const subset = Math.min(grid.cells.length, 2_000);
  const naive = await timeIt(() => naiveHotspots(grid, points, subset));
  const naiveMs = (naive.ms * grid.cells.length) / subset;
  let agree = 0;
  for (let i = 0; i < subset; i++) if (binForZ(naive.value[i]) === ours.cells[i].bin) agree++;
  log(`  ours warm ${fmtMs(warm.ms)}, cold ${fmtMs(cold.ms)}; naive ${fmtMs(naiveMs)} (extrapolated)`);
  const hot = ours.cells.filter((c) => c.bin.startsWith('hot')).length;
  return [
    {
      name: 'hotspots Gi* (res 8, whole region)',
      scale: `${points.length.toLocaleString('en')} cases, ${grid.cells.length.toLocaleString('en')} cells`,
      ours: `${fmtMs(warm.ms)} (cold ${fmtMs(cold.ms)})`,
      baseline: `${fmtMs(naiveMs)} (extrap.)`,
      ratio: naiveMs / warm.ms,
      goal: 'faster than naive',
      met: naiveMs > warm.ms,
      note:
        `ours: cached H3 tiling + ring-1 adjacency (built once per res in ${fmtMs(gridBuild.ms)}); naive: neighbours by ` +
        `centre distance over all cells, measured on ${subset} of ${grid.cells.length} cells and extrapolated (O(n²)); ` +
        `bins agree on ${((agree / subset) * 100).toFixed(1)}%; ${hot} hot cells`,
      data: {
        points: points.length,
        cells: grid.cells.length,
        gridBuildMs: gridBuild.ms,
        coldMs: cold.ms,
        warmMs: warm.all,
        naiveSubsetMs: naive.ms,
        subset,
        agree,
      },
    },
  ];
}

/** Row 4: every agreement for one year — annual means in SQL vs raw readings pulled into JS. */
export async function compensationRows(db: Db, asOf: string): Promise<BenchRow[]> {
  const year = Number(asOf.slice(0, 4)) - 1;
  const ours = await medianMs(() => assessYear(db, year, asOf), 5, 1);
  const result = await assessYear(db, year, asOf);
  const baseline = async () => {
    const agreements = rowsOf<{ sectionId: number; startYear: number; indicators: string[] }>(
      await db.execute(
        sql`select section_id as "sectionId", start_year as "startYear", indicators from compensation_agreements`,
      ),
    );
    const firstYear = Math.min(year, ...agreements.map((a) => a.startYear - 3));
    const ids = [...new Set(agreements.map((a) => a.sectionId))];
    const raw = rowsOf<{
      section_id: number;
      time: string | Date;
      valid: boolean;
      codmn: number | null;
      nh3n: number | null;
      tp: number | null;
    }>(
      await db.execute(sql`
        select section_id, time, valid, codmn, nh3n, tp from readings
         where section_id in (${sql.join(ids, sql`, `)})
           and time >= make_date(${firstYear}, 1, 1) and time < make_date(${year + 1}, 1, 1)`),
    );
    const acc = new Map<string, { n: number; sum: Record<string, number>; cnt: Record<string, number> }>();
    for (const r of raw) {
      if (!r.valid) continue;
      const t = r.time instanceof Date ? r.time : new Date(r.time);
      // Calendar year in the bureau's time zone, as extract(year from time) on a UTC+8 session would.
      const y = new Date(t.getTime() + 8 * 3_600_000).getUTCFullYear();
      const key = `${r.section_id}|${y}`;
      let a = acc.get(key);
      if (!a) {
        a = { n: 0, sum: {}, cnt: {} };
        acc.set(key, a);
      }
      a.n++;
      for (const k of ['codmn', 'nh3n', 'tp'] as const) {
        const v = r[k];
        if (v === null) continue;
        a.sum[k] = (a.sum[k] ?? 0) + Number(v);
        a.cnt[k] = (a.cnt[k] ?? 0) + 1;
      }
    }
    return { rows: raw.length, acc };
  };
  const base = await medianMs(baseline, 3, 1);
  const b = await baseline();
  return [
    {
      name: 'compensation: assess every agreement for a year',
      scale: `${result.agreements.length} agreements, ${b.rows.toLocaleString('en')} readings in range`,
      ours: fmtMs(ours.ms),
      baseline: fmtMs(base.ms),
      ratio: base.ms / ours.ms,
      goal: 'faster than raw readings in JS',
      met: ours.ms < base.ms,
      note: `year ${year}; SQL: one grouped avg() query + domain; baseline: pull raw rows and average in JS (means only, no assessment)`,
      data: { oursMs: ours.all, baselineMs: base.all, readings: b.rows },
    },
  ];
}
