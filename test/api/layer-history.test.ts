import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { colourOf, decodeEnterpriseLayer } from '../../web/src/map/decode-enterprise-layer';
import { testApi } from '../support/app';
import { FIXTURE_AS_OF, seededDb } from '../support/seeded';
import { engines } from '../support/test-db';

// The period control reads the three-colour codes "as of" a past day from the code history.
describe.each(engines)('enterprise layer as of a past day on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  beforeAll(async () => {
    h = await seededDb(engine);
    t = testApi(h);
  });
  afterAll(() => h?.close());

  const layerAt = async (codesAsOf?: string) => {
    const res = await t.request(`/api/layers/enterprises${codesAsOf ? `?codesAsOf=${codesAsOf}` : ''}`);
    expect(res.status).toBe(200);
    const layer = decodeEnterpriseLayer(await res.arrayBuffer());
    const colours = new Map<number, string>();
    for (let i = 0; i < layer.n; i++) colours.set(layer.ids[i], colourOf(layer.flags[i]));
    return { res, layer, colours };
  };

  it('gives each enterprise its latest assessment on or before the day', async () => {
    const day = '2025-09-30';
    const expected = new Map(
      rowsOf<{ id: number; colour: string }>(
        await h.db.execute(sql`
          select e.id, coalesce((select colour from code_assessments a where a.enterprise_id = e.id and a.as_of <= ${day}
                                  order by a.as_of desc, a.id desc limit 1), e.colour) as colour
            from enterprises e`),
      ).map((r) => [Number(r.id), r.colour]),
    );
    const { res, colours } = await layerAt(day);
    expect(res.headers.get('X-Codes-As-Of')).toBe(day);
    expect(colours).toEqual(expected);

    // The history really differs from today somewhere, or this test would prove nothing.
    const current = await layerAt();
    expect(current.res.headers.get('X-Codes-As-Of')).toBeNull();
    expect([...colours].some(([id, c]) => current.colours.get(id) !== c)).toBe(true);
    // Same positions and ids: only the colours move.
    expect(current.layer.ids).toEqual((await layerAt(day)).layer.ids);
  });

  it('reads a day before any history as of the first history date, and the data date as current', async () => {
    const [{ first }] = rowsOf<{ first: string }>(
      await h.db.execute(sql`select min(as_of)::text as first from code_assessments`),
    );
    const early = await layerAt('2020-01-01');
    expect(early.res.headers.get('X-Codes-As-Of')).toBe(first);
    const atData = await layerAt(FIXTURE_AS_OF);
    const current = await t.request('/api/layers/enterprises');
    expect(atData.res.headers.get('X-Codes-As-Of')).toBeNull();
    expect(atData.res.headers.get('ETag')).toBe(current.headers.get('ETag'));
  });

  it('reads a day between assessments as of the latest assessment before it: one layer for all those days', async () => {
    const days = rowsOf<{ day: string }>(
      await h.db.execute(sql`select distinct as_of::text as day from code_assessments order by 1`),
    ).map((d) => d.day);
    const [a, b] = days.slice(-3, -1);
    // A day strictly between two assessment dates, and the day just before the later one.
    const between = new Date(Date.parse(`${a}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const before = new Date(Date.parse(`${b}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(between < b && before >= a).toBe(true);
    const atA = await layerAt(a);
    for (const day of [between, before]) {
      const l = await layerAt(day);
      expect(l.res.headers.get('X-Codes-As-Of')).toBe(a);
      expect(l.res.headers.get('ETag')).toBe(atA.res.headers.get('ETag'));
    }
    expect((await layerAt(b)).res.headers.get('X-Codes-As-Of')).toBe(b);
  });

  it('the overview, the list and the export read the codes of the same day as the layer', async () => {
    // 2020-01-01 lies before any history: everything reads it as of the first assessment.
    for (const day of ['2025-03-31', '2020-01-01']) {
      const { layer, colours } = await layerAt(day);
      const county = layer.dict.counties[0];
      const byColour = { green: 0, yellow: 0, red: 0 } as Record<string, number>;
      let redInCounty = 0;
      for (let i = 0; i < layer.n; i++) {
        byColour[colourOf(layer.flags[i])]++;
        if (colourOf(layer.flags[i]) === 'red' && layer.dict.counties[layer.county[i]] === county) redInCounty++;
      }
      const overview = (await t.json(`/api/stats/overview?codesAsOf=${day}`)).body;
      expect(overview.asOf).toBe(day);
      expect(overview.enterprises).toEqual({ total: layer.n, ...byColour });

      const list = (await t.json(`/api/enterprises?codesAsOf=${day}&colour=red&county=${county}&limit=5000`)).body;
      expect(list.total).toBe(redInCounty);
      expect(list.items.every((e: any) => e.colour === 'red' && colours.get(e.id) === 'red')).toBe(true);
      const csv = await (
        await t.request(`/api/enterprises/export?format=csv&codesAsOf=${day}&colour=red&county=${county}`)
      ).text();
      const rows = csv.trim().split('\r\n').slice(1);
      expect(rows.length).toBe(redInCounty);
      expect(rows.every((r) => r.includes(',红码,'))).toBe(true);

      // Scores are the history's too: sorted by score, the list starts at the day's lowest.
      const [{ min }] = rowsOf<{ min: number }>(
        await h.db.execute(sql`
          select min(coalesce((select score from code_assessments a where a.enterprise_id = e.id
                                and a.as_of <= greatest(${day}::date, (select min(as_of) from code_assessments))
                                order by a.as_of desc, a.id desc limit 1), e.score))::int as min
            from enterprises e`),
      );
      expect((await t.json(`/api/enterprises?codesAsOf=${day}&sort=score&limit=1`)).body.items[0].score).toBe(min);
    }
    // The day's red count really differs from today's, or the test would prove nothing.
    const now = (await t.json('/api/stats/overview')).body;
    expect(now.asOf).toBe(FIXTURE_AS_OF);
    expect((await t.json('/api/stats/overview?codesAsOf=2025-03-31')).body.enterprises.red).not.toBe(
      now.enterprises.red,
    );
    // A day past the data reads as the data date.
    expect((await t.json('/api/stats/overview?codesAsOf=2030-01-01')).body).toEqual(now);
  });

  it('refuses a malformed day', async () => {
    for (const bad of ['2025-02-30', '2025-9-30', 'yesterday']) {
      const res = await t.request(`/api/layers/enterprises?codesAsOf=${bad}`);
      expect(res.status).toBe(400);
      for (const path of ['/api/stats/overview', '/api/enterprises', '/api/enterprises/export?format=csv&']) {
        const sep = path.includes('?') ? '' : '?';
        expect((await t.request(`${path}${sep}codesAsOf=${bad}`)).status).toBe(400);
      }
    }
  });

  // Figures that more than one view shows, asked of every API that serves them for the same day:
  // the KPI cards (/stats/overview), the map's layers (/layers/enterprises, /sections, /parks), the
  // table (/enterprises), the section chart (/sections/:id/readings) and the basin panel
  // (/compensation). Two homes for one figure would show here as two numbers.
  const countColours = (colours: Map<number, string>) => {
    const counts: Record<string, number> = { total: colours.size, green: 0, yellow: 0, red: 0 };
    for (const c of colours.values()) counts[c]++;
    return counts;
  };

  // The data date; month and quarter ends the period control asks for; 29 February; a day before
  // the first code assessment (read as of that first one).
  const days = [FIXTURE_AS_OF, '2026-03-31', '2025-12-31', '2025-09-30', '2024-02-29', '2020-01-01'];

  it('the KPI answer names the assessment day it read, as the layer does, 29 February too', async () => {
    for (const day of ['2025-12-31', '2024-02-29']) {
      const { layer, colours, res } = await layerAt(day);
      const { body } = await t.json(`/api/stats/overview?codesAsOf=${day}`);
      expect(body.enterprises, day).toEqual(countColours(colours));
      expect(body.enterprises.total).toBe(layer.n);
      expect(body.codesAsOf, day).toBe(res.headers.get('X-Codes-As-Of'));
    }
    expect((await t.json('/api/stats/overview')).body.codesAsOf).toBeNull();
  });

  it('KPI sections meeting their target equal the section layer for the same day', async () => {
    for (const day of days) {
      const overview = (await t.json(`/api/stats/overview?codesAsOf=${day}`)).body;
      const layer = (await t.json(`/api/sections?asOf=${day}`)).body;
      const props = layer.features.map((f: any) => f.properties);
      expect(overview.sections.total).toBe(props.length);
      expect(overview.sections.meetingTarget, day).toBe(props.filter((p: any) => p.meetsTarget).length);
      // Nothing after the end of the bureau day (a reading at 23:59 Beijing time still counts).
      for (const p of props) if (p.latest) expect(p.latest.time.slice(0, 10) <= day, p.latest.time).toBe(true);
    }
    expect((await t.json('/api/sections?asOf=2026-02-30')).status).toBe(400);
  });

  it("a hand-over section's year means, class and coverage are the compensation's", async () => {
    for (const year of [2025, 2026]) {
      const { body } = await t.json(`/api/compensation?year=${year}`);
      const assessed = body.agreements.filter((a: any) => a.means && Object.keys(a.means).length > 0);
      expect(assessed.length).toBeGreaterThan(0);
      for (const a of assessed) {
        const series = await t.json(
          `/api/sections/${a.sectionId}/readings?interval=year&from=${year}-01-01&to=${year}-12-31`,
        );
        expect(series.status).toBe(200);
        const [point] = series.body.points;
        expect(point.time).toBe(String(year));
        for (const k of a.indicators) expect(point[k], `${a.name} ${year} ${k}`).toBe(a.means[k]);
        // Coverage: one expectation (readings owed at the section's interval, up to the data
        // date in the current year). A reading row counts once however many indicators it holds,
        // so the row coverage is at least the best indicator's and equals it when none is missing.
        const best = Math.max(...Object.values(a.coverageByIndicator as Record<string, number>));
        expect(point.coverage).toBeGreaterThanOrEqual(best - 1e-12);
        expect(point.coverage - best).toBeLessThan(0.02);
      }
    }
  });

  it("each park's colours equal the layer's enterprises in it, in the list and in the park panel", async () => {
    for (const day of ['2025-09-30', FIXTURE_AS_OF]) {
      const { layer } = await layerAt(day);
      const byPark = new Map<string, Record<string, number>>();
      for (let i = 0; i < layer.n; i++) {
        if (layer.park[i] === 0) continue;
        const id = String(layer.dict.parks[layer.park[i] - 1]);
        const c = byPark.get(id) ?? { green: 0, yellow: 0, red: 0 };
        c[colourOf(layer.flags[i])]++;
        byPark.set(id, c);
      }
      const parks = (await t.json(`/api/parks?asOf=${day}`)).body.features.map((f: any) => f.properties);
      for (const p of parks)
        expect(p.byColour, `${day} ${p.name}`).toEqual(byPark.get(String(p.id)) ?? { green: 0, yellow: 0, red: 0 });
      const top = parks.sort((a: any, b: any) => b.byColour.red - a.byColour.red)[0];
      const panel = (await t.json(`/api/parks/${top.id}/stats?asOf=${day}`)).body;
      expect(panel.byColour).toEqual(top.byColour);
    }
  });
});
