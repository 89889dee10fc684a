/**
 * The map's filters as GET /api/enterprises query parameters — the same filter the map draws,
 * so the table, its count and the exports agree with the map. The list endpoint takes one
 * colour; a choice of two colours becomes one request per colour.
 */
import type { Colour } from '../map/decode-enterprise-layer';
import type { Filters } from '../state/view-state';

export type EnterpriseQuery = {
  county?: string;
  town?: string;
  park?: string;
  industry?: string;
  keyPollutant?: 'true' | 'false';
  insured?: 'true' | 'false';
  codesAsOf?: string;
  anomaly?: 'true' | 'false';
};

/** `codesAsOf`: the chosen period's end, so colours and scores are the codes the map draws. */
export function baseQuery(f: Filters, codesAsOf: string | null = null): EnterpriseQuery {
  const q: EnterpriseQuery = {};
  if (codesAsOf) q.codesAsOf = codesAsOf;
  if (f.county) q.county = f.county;
  if (f.town) q.town = f.town;
  if (f.park !== null) q.park = String(f.park);
  if (f.industry) q.industry = f.industry;
  if (f.keyPollutant !== null) q.keyPollutant = f.keyPollutant ? 'true' : 'false';
  if (f.insured !== null) q.insured = f.insured ? 'true' : 'false';
  if (f.anomaly !== null) q.anomaly = f.anomaly ? 'true' : 'false';
  return q;
}

/** The colours to ask for one at a time; [undefined] = no colour filter. */
export function colourRequests(f: Filters): (Colour | undefined)[] {
  const set = [...new Set(f.colours)];
  return set.length === 0 || set.length === 3 ? [undefined] : set;
}

export type ExportFormat = 'csv' | 'xlsx' | 'geojson';

/** GET /api/enterprises/export?format=…&<filter>; the export takes a comma list of colours. */
export function exportUrl(f: Filters, format: ExportFormat, codesAsOf: string | null = null): string {
  const p = new URLSearchParams({ format, ...baseQuery(f, codesAsOf) });
  const colours = colourRequests(f);
  if (colours[0] !== undefined) p.set('colour', colours.join(','));
  return `/api/enterprises/export?${p.toString().replace(/%2C/g, ',')}`;
}
