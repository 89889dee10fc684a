// Synthetic enterprises: most in parks with the park's industries, the rest clustered around
// town centres. Generated in chunks from one sequential random stream, so the rows do not
// depend on the chunk size and a million of them never sit in memory at once.
import type { InferInsertModel } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { normal, pick, shuffle, weightedPick } from '../../domain/random';
import { makeUscc } from '../../domain/uscc';
import type { enterprises } from '../schema';
import type { County, Geography, Town } from './geography';
import { industryRisk, leafCodesUnder } from './industries';
import { enterpriseName, mobilePhone, parkAddress, personName, townAddress } from './names';
import { PARK_KIND_WEIGHT, type Park } from './parks';
import { chance, logNormal, type Rng, stageRng } from './rng';
import { distanceMetres, offsetMetres, PolygonIndex, randomPointIn } from './spatial';

// Timestamps travel as ISO strings through the jsonb bulk insert.
export type EnterpriseRow = Omit<InferInsertModel<typeof enterprises>, 'updatedAt'> & { id: number; updatedAt: string };

/** What the fact generator needs beyond the row: how likely this enterprise is to offend. */
export type EnterpriseDraft = {
  row: EnterpriseRow;
  risk: number;
  /** The part of `risk` that comes from where the enterprise is (hot park or town). */
  place: number;
  countyName: string;
};

const PARK_SHARE = 0.6;
const H3_RESOLUTION = 9;

/** Rough shares of regulated enterprises outside parks by county (江山 and 柯城 the busiest). */
const COUNTY_WEIGHTS: Record<string, number> = {
  '330802': 0.2,
  '330803': 0.17,
  '330822': 0.12,
  '330824': 0.11,
  '330825': 0.17,
  '330881': 0.23,
};

/** Industries outside parks: farms, workshops, building sites, restaurants, small factories. */
const SCATTERED_INDUSTRIES: [string, number][] = [
  ['C13', 10],
  ['C14', 3],
  ['C15', 4],
  ['C20', 9],
  ['C21', 5],
  ['C29', 5],
  ['C30', 8],
  ['C33', 9],
  ['C336', 1.5],
  ['C17', 3],
  ['C22', 2],
  ['C26', 1.5],
  ['C32', 1],
  ['C34', 3],
  ['C35', 2],
  ['C38', 2],
  ['A03', 6],
  ['B10', 2],
  ['D44', 0.8],
  ['D46', 1],
  ['E47', 5],
  ['E48', 3],
  ['H62', 6],
  ['N77', 1.2],
];

export type EnterpriseContext = {
  geo: Geography;
  parks: Park[];
  parkIndex: PolygonIndex<Park>;
  /** Parks and towns where enforcement finds much more: the hotspots the map should show. */
  hotParks: Set<number>;
  hotTowns: Set<string>;
};

export function enterpriseContext(geo: Geography, parks: Park[], seed: number): EnterpriseContext {
  const rng = stageRng(seed, 'hotspots');
  const hotParks = new Set(
    shuffle(
      rng,
      parks.map((p) => p.id),
    ).slice(0, 3),
  );
  const hotTowns = new Set(
    shuffle(
      rng,
      geo.towns.filter((t) => !t.urban).map((t) => t.code),
    ).slice(0, 5),
  );
  return {
    geo,
    parks,
    parkIndex: new PolygonIndex(parks.map((p) => ({ geometry: p.geometry, value: p }))),
    hotParks,
    hotTowns,
  };
}

function keyPollutantChance(risk: number): number {
  if (risk >= 2) return 0.42;
  if (risk >= 1.5) return 0.25;
  if (risk >= 1.2) return 0.12;
  return 0.04;
}

function nearestTown(towns: Town[], lon: number, lat: number): Town {
  let best = towns[0];
  let bestD = Number.POSITIVE_INFINITY;
  for (const t of towns) {
    const d = distanceMetres(t.center, [lon, lat]);
    if (d < bestD) {
      best = t;
      bestD = d;
    }
  }
  return best;
}

/** Streams drafts in chunks; ids run 1…total. */
export function* generateEnterprises(
  ctx: EnterpriseContext,
  total: number,
  seed: number,
  asOf: string,
  chunkSize: number,
): Generator<EnterpriseDraft[]> {
  const rng: Rng = stageRng(seed, 'enterprises');
  const { geo, parks } = ctx;
  const parkWeights = parks.map((p) => PARK_KIND_WEIGHT[p.kind]);
  const counties = geo.counties;
  const countyWeights = counties.map((c) => COUNTY_WEIGHTS[c.code] ?? 0.1);
  const scatteredCodes = SCATTERED_INDUSTRIES.map(([c]) => c);
  const scatteredWeights = SCATTERED_INDUSTRIES.map(([, w]) => w);
  const townWeights = new Map(
    counties.map((c) => [
      c.code,
      (geo.townsByCounty.get(c.code) ?? []).map((t) => (t.urban ? 3 : t.name.endsWith('镇') ? 2 : 1)),
    ]),
  );
  // Collisions of the random organisation code are astronomically rare but fatal to the unique
  // index; a set of 32-bit hashes is a cheap guard (a false alarm only draws another code).
  const usccHashes = new Set<number>();
  const names = new Set<string>();
  const updatedAt = `${asOf}T18:00:00+08:00`;

  let chunk: EnterpriseDraft[] = [];
  for (let id = 1; id <= total; id++) {
    let park: Park | undefined;
    let county: County;
    let lon: number;
    let lat: number;
    let industryCode: string;
    if (chance(rng, PARK_SHARE)) {
      park = weightedPick(rng, parks, parkWeights);
      county = geo.countyByCode.get(park.countyCode) as County;
      [lon, lat] = randomPointIn(rng, park.geometry, park.bbox);
      industryCode = pick(rng, leafCodesUnder(pick(rng, park.industries)));
    } else {
      county = weightedPick(rng, counties, countyWeights);
      const towns = geo.townsByCounty.get(county.code) ?? [];
      const home = weightedPick(rng, towns, townWeights.get(county.code) ?? towns.map(() => 1));
      const sd = home.urban ? 1500 : 2200;
      [lon, lat] = home.center;
      for (let tries = 0; tries < 50; tries++) {
        const p = offsetMetres(home.center[0], home.center[1], normal(rng, 0, sd), normal(rng, 0, sd));
        if (geo.countyIndex.find(p[0], p[1]) === county) {
          [lon, lat] = p;
          break;
        }
      }
      industryCode = pick(rng, leafCodesUnder(weightedPick(rng, scatteredCodes, scatteredWeights)));
      park = ctx.parkIndex.find(lon, lat);
    }
    lon = Math.round(lon * 1e6) / 1e6;
    lat = Math.round(lat * 1e6) / 1e6;
    const countyTowns = geo.townsByCounty.get(county.code) ?? [];
    const town =
      geo.townIndex.find(lon, lat, (t) => t.countyCode === county.code) ?? nearestTown(countyTowns, lon, lat);
    const grid = geo.villageGridIndex.find(lon, lat, (g) => g.regionCode === town.code);
    const gridId = grid?.id ?? geo.gridIdByRegion.get(town.code) ?? geo.gridIdByRegion.get(county.code) ?? null;

    let name = enterpriseName(rng, county.code, industryCode);
    // Unique names while the set is small enough to keep; at province scale repeats are tolerated.
    for (let i = 0; i < 5 && names.size < 200_000 && names.has(name); i++) {
      name = enterpriseName(rng, county.code, industryCode);
    }
    if (names.size < 200_000) names.add(name);
    let uscc = makeUscc(rng, county.code);
    while (usccHashes.has(hash32(uscc))) uscc = makeUscc(rng, county.code);
    usccHashes.add(hash32(uscc));

    const baseRisk = industryRisk(industryCode);
    const keyPollutant = chance(rng, keyPollutantChance(baseRisk));
    const place = park ? (ctx.hotParks.has(park.id) ? 2.5 : 0.9) : ctx.hotTowns.has(town.code) ? 2.2 : 1;
    // Heavy-tailed individual propensity (mean ≈ 1): a few repeat offenders, many clean firms.
    const risk = baseRisk * place * (keyPollutant ? 1.3 : 1) * (logNormal(rng, 1, 0.9) / 1.5);
    const s = rng();
    const status = s < 0.93 ? 'operating' : s < 0.975 ? 'suspended' : 'closed';

    chunk.push({
      row: {
        id,
        uscc,
        name,
        address: park ? parkAddress(rng, county.name, town.name, park.name) : townAddress(rng, county.name, town.name),
        lon,
        lat,
        sourceCrs: 'wgs84',
        h3: latLngToCell(lat, lon, H3_RESOLUTION),
        countyCode: county.code,
        townCode: town.code,
        parkId: park?.id ?? null,
        gridId,
        industryCode,
        keyPollutant,
        status,
        contactName: personName(rng),
        contactPhone: mobilePhone(rng),
        colour: 'green',
        score: 100,
        insured: false,
        codeEvaluatedAt: null,
        updatedAt,
      },
      risk,
      place,
      countyName: county.name,
    });
    if (chunk.length === chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
