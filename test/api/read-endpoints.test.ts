import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { testApi } from '../support/app';
import { FIXTURE_AS_OF, seededDb } from '../support/seeded';
import { engines } from '../support/test-db';

// The same read-side contract must hold on the embedded PGlite and on PostgreSQL.
describe.each(engines)('read endpoints on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  beforeAll(async () => {
    h = await seededDb(engine);
    t = testApi(h);
  });
  afterAll(() => h?.close());

  it('GET /api/health reports the engine and the data version', async () => {
    const { status, body } = await t.json('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', db: engine, demo: true, asOf: FIXTURE_AS_OF });
    expect(body.dataVersion).toBeGreaterThanOrEqual(1);
  });

  it('GET /api/regions gives the six Quzhou counties, and towns on request', async () => {
    const counties = await t.json('/api/regions');
    expect(counties.body.type).toBe('FeatureCollection');
    expect(counties.body.features.map((f: any) => f.properties.name).sort()).toEqual(
      ['开化县', '常山县', '柯城区', '江山市', '衢江区', '龙游县'].sort(),
    );
    expect(counties.body.features[0].geometry.type).toMatch(/Polygon/);
    const towns = await t.json('/api/regions?level=town');
    expect(towns.body.features.length).toBeGreaterThan(50);
    expect(towns.body.features.some((f: any) => f.properties.name === '府山街道')).toBe(true);
    expect((await t.json('/api/regions?level=planet')).status).toBe(400);
  });

  it('GET /api/parks counts enterprises by colour per park', async () => {
    const { body } = await t.json('/api/parks');
    expect(body.features.length).toBeGreaterThanOrEqual(20);
    const [{ n }] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from enterprises where park_id is not null`),
    );
    const sum = body.features.reduce((s: number, f: any) => s + f.properties.enterpriseCount, 0);
    expect(sum).toBe(Number(n));
    for (const f of body.features) {
      const p = f.properties;
      expect(p.byColour.green + p.byColour.yellow + p.byColour.red).toBe(p.enterpriseCount);
      expect(['工业园区', '小微园', '开发区']).toContain(p.kind);
    }
  });

  it('GET /api/enterprises filters, pages and searches', async () => {
    const all = await t.json('/api/enterprises?limit=5');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(400);
    expect(all.body.items).toHaveLength(5);
    const first = all.body.items[0];
    expect(Object.keys(first).sort()).toEqual(
      [
        'address',
        'colour',
        'countyCode',
        'id',
        'industryCode',
        'insured',
        'keyPollutant',
        'lat',
        'lon',
        'name',
        'parkId',
        'score',
        'townCode',
        'uscc',
      ].sort(),
    );

    const red = await t.json('/api/enterprises?colour=red&limit=1000');
    expect(red.body.items.every((e: any) => e.colour === 'red')).toBe(true);
    const [{ n }] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from enterprises where colour = 'red'`),
    );
    expect(red.body.total).toBe(Number(n));

    const byUscc = await t.json(`/api/enterprises?q=${first.uscc}`);
    expect(byUscc.body.items.map((e: any) => e.id)).toEqual([first.id]);
    const byName = await t.json(`/api/enterprises?q=${encodeURIComponent(first.name.slice(-6))}`);
    expect(byName.body.items.some((e: any) => e.id === first.id)).toBe(true);

    const parkId = (await t.json('/api/parks')).body.features[0].properties.id;
    const inPark = await t.json(`/api/enterprises?park=${parkId}&limit=1000`);
    expect(inPark.body.items.every((e: any) => e.parkId === parkId)).toBe(true);

    const box = await t.json(
      `/api/enterprises?bbox=${first.lon - 0.01},${first.lat - 0.01},${first.lon + 0.01},${first.lat + 0.01}`,
    );
    expect(box.body.items.some((e: any) => e.id === first.id)).toBe(true);

    const page2 = await t.json('/api/enterprises?limit=5&offset=5');
    expect(page2.body.items[0].id).not.toBe(first.id);
  });

  it('GET /api/enterprises answers bad filters with 400 and treats SQL as text', async () => {
    for (const q of [
      'colour=purple',
      'bbox=1,2,3',
      'bbox=200,0,210,10',
      'limit=-1',
      'limit=abc',
      'park=0',
      'county=abc',
      'industry=DROP',
      `q=${'x'.repeat(101)}`,
    ]) {
      const r = await t.json(`/api/enterprises?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
    const injection = await t.json(`/api/enterprises?q=${encodeURIComponent("' or 1=1; drop table enterprises; --")}`);
    expect(injection.status).toBe(200);
    expect(injection.body.total).toBe(0);
    const wildcard = await t.json('/api/enterprises?q=%25');
    expect(wildcard.body.total).toBe(0);
    expect((await t.json('/api/enterprises?limit=1')).body.total).toBe(400);
  });

  it('GET /api/enterprises/:id shows the story without contacts to the public', async () => {
    const { body: list } = await t.json('/api/enterprises?sort=score&limit=1');
    const { status, body } = await t.json(`/api/enterprises/${list.items[0].id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: list.items[0].id, uscc: list.items[0].uscc });
    expect(body.countyName).toMatch(/[区县市]$/);
    expect(body.industry.name.length).toBeGreaterThan(1);
    expect(body).not.toHaveProperty('contact');
    expect(JSON.stringify(body)).not.toMatch(/contactPhone|premium|complainant/);
    expect(Array.isArray(body.cases)).toBe(true);
    // Finding and complaint texts are staff-only: the public gets their counts (domain/public-view.ts).
    expect(body.findings).toBeUndefined();
    expect(body.counts.findings.total).toBeGreaterThanOrEqual(0);
    expect((await t.json('/api/enterprises/99999999')).status).toBe(404);
    expect((await t.json('/api/enterprises/abc')).status).toBe(400);
  });

  it('GET /api/enterprises/:id/code explains the colour and keeps history', async () => {
    const { body: list } = await t.json('/api/enterprises?colour=red&limit=1');
    const { status, body } = await t.json(`/api/enterprises/${list.items[0].id}/code`);
    expect(status).toBe(200);
    expect(body.colour).toBe('red');
    expect(body.score).toBe(list.items[0].score);
    expect(body.reasons.length).toBeGreaterThan(0);
    expect(body.pathToGreen.length).toBeGreaterThan(0);
    expect(body.history.length).toBeGreaterThan(0);
    expect(body.history[0]).toMatchObject({ colour: 'red' });
    // Public callers see no evidence ids.
    expect(body.reasons.every((r: any) => r.evidence.length === 0)).toBe(true);
  });

  it('GET /api/sections gives the latest class and target of every section', async () => {
    const { body } = await t.json('/api/sections');
    expect(body.features.length).toBeGreaterThanOrEqual(10);
    const handovers = body.features.filter((f: any) => f.properties.handover);
    expect(handovers.length).toBeGreaterThanOrEqual(4);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('Point');
      expect(['I', 'II', 'III', 'IV', 'V', '劣V']).toContain(f.properties.latest.class);
      expect(typeof f.properties.meetsTarget).toBe('boolean');
    }
    // Cached per data version: a matching ETag answers 304 without recomputing.
    const first = await t.request('/api/sections');
    const etag = first.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    expect((await t.request('/api/sections', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('GET /api/sections/:id/readings aggregates by day and month with coverage', async () => {
    const { body: sections } = await t.json('/api/sections');
    const id = sections.features[0].properties.id;
    const month = await t.json(`/api/sections/${id}/readings?interval=month&from=2025-01-01&to=2025-12-31`);
    expect(month.status).toBe(200);
    expect(month.body.points).toHaveLength(12);
    for (const p of month.body.points) {
      expect(p.coverage).toBeGreaterThan(0.8);
      expect(p.coverage).toBeLessThanOrEqual(1);
      expect(p.class).toMatch(/^(I|II|III|IV|V|劣V)$/);
    }
    const raw = await t.json(`/api/sections/${id}/readings?interval=raw&from=2025-03-01&to=2025-03-01`);
    expect(raw.body.points).toHaveLength(6);
    const day = await t.json(`/api/sections/${id}/readings?interval=day&from=2025-03-01&to=2025-03-07`);
    expect(day.body.points).toHaveLength(7);
    expect((await t.json(`/api/sections/${id}/readings?from=2025-02-30`)).status).toBe(400);
    expect((await t.json(`/api/sections/${id}/readings?from=2025-03-02&to=2025-03-01`)).status).toBe(400);
    expect((await t.json('/api/sections/99999/readings')).status).toBe(404);
  });

  it('GET /api/stats/overview sums up', async () => {
    const { body } = await t.json('/api/stats/overview');
    expect(body.asOf).toBe(FIXTURE_AS_OF);
    const e = body.enterprises;
    expect(e.green + e.yellow + e.red).toBe(e.total);
    expect(e.total).toBe(400);
    expect(body.rectification.rate).toBeGreaterThan(0);
    expect(body.rectification.rate).toBeLessThanOrEqual(1);
    expect(body.sections.total).toBeGreaterThanOrEqual(10);
    expect(body.sections.meetingTarget).toBeLessThanOrEqual(body.sections.total);
  });

  it('GET /api/compensation assesses the chain and nets each county', async () => {
    const last = await t.json('/api/compensation?year=2025');
    expect(last.status).toBe(200);
    expect(last.body.agreements.length).toBeGreaterThanOrEqual(4);
    for (const a of last.body.agreements) {
      expect(a.status).toBe('assessed');
      expect(a.P).toBeGreaterThan(0);
      expect(a.direction).toBe(a.P <= 1 ? 'downstream_pays' : 'upstream_pays');
    }
    const nets = last.body.settlements.reduce((s: number, x: any) => s + x.net, 0);
    expect(nets).toBeCloseTo(0, 6);
    const current = await t.json('/api/compensation');
    expect(current.body.year).toBe(2026);
    expect(current.body.agreements.every((a: any) => a.status === 'projected')).toBe(true);
    // A projection settles nothing: every settled net is 0, the projected nets balance apart.
    expect(current.body.settlements.every((s: any) => s.net === 0 && s.received === 0 && s.paid === 0)).toBe(true);
    expect(current.body.settlements.reduce((s: number, x: any) => s + x.projectedNet, 0)).toBeCloseTo(0, 6);
    expect(current.body.settlements.some((x: any) => x.projectedNet !== 0)).toBe(true);
    // The agreements start in 2025: 2022–2024 are their baseline years, never assessed.
    const baseline = await t.json('/api/compensation?year=2024');
    for (const a of baseline.body.agreements) {
      expect(a).toMatchObject({ status: 'not_in_force', P: null, direction: null, amount: 0 });
      expect(a.baselineYears).toEqual([2022, 2023, 2024]);
    }
    // The demo's dry year: 开化→常山 flow falls short of 42.5 m³/s and the amount shrinks with it.
    const kaihua = last.body.agreements.find((a: any) => a.upstream.code === '330824');
    const flow = kaihua.conditions.find((c: any) => c.kind === 'flow');
    expect(flow.value).toBeLessThan(42.5);
    if (kaihua.direction === 'downstream_pays') {
      expect(kaihua.amount).toBeCloseTo((kaihua.grossAmount * flow.value) / 42.5, 2);
    }
  });

  it('GET /api/hotspots covers the region with zero cells included', async () => {
    const { status, body } = await t.json('/api/hotspots?res=7&from=2025-07-01&to=2026-06-30');
    expect(status).toBe(200);
    expect(body.n).toBe(body.cells.length);
    expect(body.cells.filter((c: any) => c.count === 0).length).toBeGreaterThan(body.n / 2);
    expect(body.cells.every((c: any) => Number.isFinite(c.z))).toBe(true);
    expect((await t.json('/api/hotspots?res=11')).status).toBe(400);
    // The public may not ask for the costly finest level.
    expect((await t.json('/api/hotspots?res=9')).status).toBe(403);
  });

  it('GET /api/hotspots ending on 29 February looks back 12 calendar months', async () => {
    // The default window once swapped the year and asked the database for 2023-02-29: a 500. It is
    // the code's 12-month window (after 2023-02-28, through 2024-02-29), as the map's "latest" is.
    const leap = await t.json('/api/hotspots?res=6&to=2024-02-29');
    expect(leap.status).toBe(200);
    const explicit = await t.json('/api/hotspots?res=6&from=2023-03-01&to=2024-02-29');
    expect(leap.body).toEqual(explicit.body);
  });

  it('GET /api/layers/enterprises is compact, tagged and conditional', async () => {
    const res = await t.request('/api/layers/enterprises');
    expect(res.status).toBe(200);
    const buf = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(buf.slice(0, 3))).toBe('ENT');
    expect(buf[3]).toBe(2);
    const view = new DataView(buf.buffer);
    expect(view.getUint32(4, true)).toBe(400);
    // Delta-coded columns at the widths they need: under ENT1's 16 B per enterprise before compression.
    const widths = [...buf.subarray(36, 44)].reduce((a, b) => a + b, 0);
    expect(widths).toBeLessThan(16);
    expect(buf.length).toBeGreaterThan(44 + 400 * widths);
    const etag = res.headers.get('etag') as string;
    const again = await t.request('/api/layers/enterprises', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves an OpenAPI document listing every endpoint', async () => {
    const { body } = await t.json('/api/openapi.json');
    for (const p of [
      '/api/health',
      '/api/enterprises',
      '/api/enterprises/{id}',
      '/api/compensation/assess',
      '/api/hotspots',
    ]) {
      expect(Object.keys(body.paths).map((k) => (k.startsWith('/api') ? k : `/api${k}`))).toContain(p);
    }
    expect((await t.request('/api/docs')).status).toBe(200);
    expect((await t.json('/api/nope')).status).toBe(404);
  });
});
