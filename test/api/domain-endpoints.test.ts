import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { testApi } from '../support/app';
import { freshDb } from '../support/test-db';

// The what-if endpoints are pure calculations: they need a running API but no data.
let h: DbHandle;
let t: ReturnType<typeof testApi>;
beforeAll(async () => {
  h = await freshDb('pglite');
  t = testApi(h);
});
afterAll(() => h.close());

describe('POST /api/water/classify', () => {
  it('classes each sample by its worst indicator and the period by the means', async () => {
    const { status, body } = await t.post('/api/water/classify', {
      waterBody: 'river',
      samples: [
        { ph: 7.2, do: 6.5, codmn: 3.9, nh3n: 0.4, tp: 0.09 }, // all II
        { ph: 7.0, do: 5.5, codmn: 8, nh3n: 1.8, tp: 0.15, tn: 3 }, // NH3-N 1.8 → V
      ],
    });
    expect(status).toBe(200);
    expect(body.samples[0].class).toBe('II');
    expect(body.samples[1].class).toBe('V');
    expect(body.samples[1].mainPollutants[0]).toMatchObject({ indicator: 'nh3n', multiple: 0.8 });
    expect(body.samples[1].mainPollutants[1]).toMatchObject({ indicator: 'codmn', multiple: 0.33 });
    // TN is reported on its own for rivers and does not set the class.
    expect(body.samples[1].tnClass).toBe('劣V');
    // Means: NH3-N (0.4+1.8)/2 = 1.1 → IV; CODMn 5.95 → III; DO 6.0 → II; TP 0.12 → III.
    expect(body.period.class).toBe('IV');
    expect(body.period.means.nh3n).toBeCloseTo(1.1, 10);
  });

  it('uses the lake TP column for lakes', async () => {
    const river = await t.post('/api/water/classify', { waterBody: 'river', samples: [{ tp: 0.05 }] });
    const lake = await t.post('/api/water/classify', { waterBody: 'lake', samples: [{ tp: 0.05 }] });
    expect(river.body.samples[0].class).toBe('II');
    expect(lake.body.samples[0].class).toBe('III');
  });

  it('rejects a sample with no evaluable indicator, wrong types and unknown fields', async () => {
    const empty = await t.post('/api/water/classify', { waterBody: 'river', samples: [{ ph: 7 }, {}] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('no_evaluable_indicator');
    expect(empty.body.error.details[0].path).toBe('samples.1');
    for (const bad of [
      { waterBody: 'sea', samples: [{ do: 5 }] },
      { waterBody: 'river', samples: [{ do: 'five' }] },
      { waterBody: 'river', samples: [{ do: -1 }] },
      { waterBody: 'river', samples: [{ arsenic: 1 }] },
      { waterBody: 'river', samples: [] },
      { waterBody: 'river' },
    ]) {
      const r = await t.post('/api/water/classify', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.message).toMatch(/无效|invalid/);
    }
  });
});

describe('POST /api/codes/evaluate', () => {
  it('explains the score and the hard rule of a major case', async () => {
    const { status, body } = await t.post('/api/codes/evaluate', {
      asOf: '2026-06-30',
      cases: [{ id: 'C1', date: '2026-03-01', severity: 'major' }],
      complaints: [],
      findings: [],
      exceedanceDays: 0,
      insuredWithSteward: false,
      unpaidDamageCompensation: false,
    });
    expect(status).toBe(200);
    expect(body.score).toBe(50);
    expect(body.colour).toBe('red');
    expect(body.reasons[0]).toMatchObject({ points: -50, evidence: ['C1'] });
  });

  it('is green at 85 and yellow at 84', async () => {
    // 100 − 10 (complaint) − 5 (one exceedance day) = 85 → green.
    const base = { asOf: '2026-06-30', complaints: [{ date: '2026-01-01', verified: true }] };
    const green = await t.post('/api/codes/evaluate', { ...base, exceedanceDays: 1 });
    expect(green.body).toMatchObject({ score: 85, colour: 'green' });
    // 100 − 10 − 2 (open finding) − 5 = 83 → yellow.
    const yellow = await t.post('/api/codes/evaluate', {
      ...base,
      exceedanceDays: 1,
      findings: [{ found: '2026-06-01', deadline: '2026-07-15' }],
    });
    expect(yellow.body).toMatchObject({ score: 83, colour: 'yellow' });
  });

  it('rejects malformed facts', async () => {
    for (const bad of [
      {},
      { asOf: '2026-13-40' },
      { asOf: '2026-06-30', cases: [{ date: '2026-01-01', severity: 'huge' }] },
      { asOf: '2026-06-30', exceedanceDays: -3 },
      { asOf: "2026-06-30'; drop table enterprises; --" },
    ]) {
      const r = await t.post('/api/codes/evaluate', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe('POST /api/compensation/assess', () => {
  const base = { baseline: { codmn: 3, nh3n: 0.5, tp: 0.1 }, amount: 6_000_000 };

  it('P exactly 1 means the downstream county pays', async () => {
    // 0.85 · (1/3)(r + r + r) = 1 with every ratio r = 1/0.85.
    const r = 1 / 0.85;
    const { status, body } = await t.post('/api/compensation/assess', {
      ...base,
      means: { codmn: 3 * r, nh3n: 0.5 * r, tp: 0.1 * r },
    });
    expect(status).toBe(200);
    expect(body.P).toBeCloseTo(1, 12);
    expect(body.direction).toBe('downstream_pays');
    expect(body.amount).toBe(6_000_000);
  });

  it('worse water makes the upstream county pay; thin data pays nothing', async () => {
    const worse = await t.post('/api/compensation/assess', {
      ...base,
      means: { codmn: 4, nh3n: 0.7, tp: 0.14 },
    });
    // 0.85 · (4/3 + 0.7/0.5 + 0.14/0.1)/3 = 0.85 · 4.1333/3 = 1.1711
    expect(worse.body.P).toBeCloseTo(1.1711, 4);
    expect(worse.body.direction).toBe('upstream_pays');
    const thin = await t.post('/api/compensation/assess', {
      ...base,
      means: { codmn: 4, nh3n: 0.7, tp: 0.14 },
      coverage: 0.7499,
    });
    expect(thin.body).toMatchObject({ status: 'insufficient_data', direction: null, amount: 0 });
  });

  it('rejects amounts outside 5–10 million CNY and weights not summing to 1', async () => {
    const means = { codmn: 3, nh3n: 0.5, tp: 0.1 };
    const low = await t.post('/api/compensation/assess', { ...base, means, amount: 4_999_999 });
    expect(low.status).toBe(400);
    expect(JSON.stringify(low.body.error.details)).toContain('amount');
    const weights = await t.post('/api/compensation/assess', {
      ...base,
      means,
      weights: { codmn: 0.5, nh3n: 0.3, tp: 0.3 },
    });
    expect(weights.status).toBe(400);
    expect(JSON.stringify(weights.body.error.details)).toContain('weights');
    const nan = await t.request('/api/compensation/assess', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"baseline":{"codmn":NaN},"means":{},"amount":6000000}',
    });
    expect(nan.status).toBe(400);
  });
});

describe('POST /api/hotspots/compute', () => {
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [118.75, 28.8],
        [119.05, 28.8],
        [119.05, 29.05],
        [118.75, 29.05],
        [118.75, 28.8],
      ],
    ],
  };

  it('finds a planted cluster hot at 99 % and leaves an all-zero area not significant', async () => {
    const points = Array.from({ length: 40 }, (_, i) => ({
      lon: 118.9 + (i % 4) * 0.001,
      lat: 28.92 + (i % 3) * 0.001,
    }));
    const { status, body } = await t.post('/api/hotspots/compute', { res: 8, studyArea: square, points });
    expect(status).toBe(200);
    expect(body.n).toBe(body.cells.length);
    const hottest = body.cells.reduce((a: any, b: any) => (b.z > a.z ? b : a));
    expect(hottest.bin).toBe('hot99');
    expect(body.cells.filter((c: any) => c.count === 0 && c.bin === 'ns').length).toBeGreaterThan(body.n * 0.9);

    const none = await t.post('/api/hotspots/compute', { res: 8, studyArea: square, points: [] });
    expect(none.body.cells.every((c: any) => c.z === 0 && c.bin === 'ns')).toBe(true);
  });

  it('rejects a bad resolution or geometry', async () => {
    for (const bad of [
      { res: 12, studyArea: square, points: [] },
      { res: 8, studyArea: { type: 'Point', coordinates: [1, 2] }, points: [] },
      { res: 8, studyArea: square, points: [{ lon: 500, lat: 1 }] },
    ]) {
      const r = await t.post('/api/hotspots/compute', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
  });
});
