import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { testApi } from '../support/app';
import { signIn } from '../support/import-fixtures';
import { seededDb } from '../support/seeded';

/**
 * Every route of the OpenAPI document, fuzzed with hostile input generated from its own
 * parameter and body schemas: never a 5xx, every 4xx in the API's error shape, nothing written
 * by the non-import routes, and the server healthy afterwards.
 */

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxItems?: number;
  pattern?: string;
  [k: string]: unknown;
};
type Param = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema: JsonSchema; required?: boolean };
type Operation = {
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };
type Route = { method: string; path: string; op: Operation };
type Who = 'public' | 'analyst' | 'admin' | 'admin-no-csrf';

// ---------------------------------------------------------------------------------------------
// Hostile values

const SQL = [
  "' or 1=1 --",
  "'; drop table enterprises; --",
  '" or ""="',
  "1' union select username, password_hash from users --",
  "admin'--",
  '1; select pg_sleep(10)',
  "%' and 1=(select count(*) from users) and '%'='",
  '$1',
  '\\',
  "''''''",
];
const PATHY = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', '%00', '\u0000', 'a\u0000b', '%2e%2e%2f'];
const NUMBERISH = [
  '1e308',
  '-1e308',
  '1e309',
  '-0',
  '0',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1.5',
  ' 1',
  '١٢٣',
  '2147483648',
  '-2147483649',
  '9'.repeat(400),
  '',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];
const UNICODE = [
  '💩',
  '𝕏',
  '\u202eevil',
  '\ud800',
  '\uffff',
  'ｆｕｌｌ',
  '\u200b',
  '衢州市柯城区',
  'é'.normalize('NFD'),
];

/** Text that is well-formed UTF-16 (for URLs) and hostile. */
const hostileText = fc.oneof(
  fc.constantFrom(...SQL, ...PATHY, ...NUMBERISH, ...UNICODE.filter((u) => u !== '\ud800')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1_000, maxLength: 20_000 }),
  fc.double().map(String),
  fc.bigInt().map(String),
);

/** Any JSON value a hostile client might send in place of a field. */
const deepArray = JSON.parse('['.repeat(2000) + ']'.repeat(2000));
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(...UNICODE, 1e308, -1e308, -0, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, null, true, false, [], {}),
  fc.constantFrom(deepArray, { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }),
  fc.double(),
  fc.integer(),
  fc.anything({ maxDepth: 3 }),
  fc.array(fc.array(fc.array(fc.anything({ maxDepth: 1 })))),
);

// ---------------------------------------------------------------------------------------------
// Schema-driven generators

function resolver(doc: Doc) {
  const resolve = (s: JsonSchema): JsonSchema => {
    if (!s.$ref) return s;
    const name = s.$ref.replace('#/components/schemas/', '');
    return resolve(doc.components.schemas[name]);
  };

  /** A plausible value for the schema, so that hostile fields sit next to valid ones. */
  const valid = (raw: JsonSchema, depth = 0): fc.Arbitrary<unknown> => {
    const s = resolve(raw);
    if (depth > 6) return fc.constant(null);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alts = s.anyOf ?? s.oneOf;
    if (alts) return fc.oneof(...alts.map((a) => valid(a, depth + 1)));
    if (s.allOf) return valid(s.allOf[0], depth + 1);
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.length > 1) return fc.oneof(...types.map((t) => valid({ ...s, type: t }, depth + 1)));
    const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
    switch (types[0]) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: Math.max(min ?? -1e6, -2e9), max: Math.min(s.maximum ?? 1e6, 2e9) });
      case 'number':
        return fc.double({ min: min ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'string':
        if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
          return fc
            .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10));
        if (typeof s.example === 'string' && !s.pattern)
          return fc.oneof(fc.constant(s.example), fc.string({ unit: 'grapheme', maxLength: 20 }));
        if (s.pattern) {
          try {
            return fc.stringMatching(new RegExp(s.pattern, 'u'));
          } catch {
            return fc.string();
          }
        }
        return fc.string({ unit: 'grapheme', maxLength: 20 });
      case 'array': {
        if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => valid(p, depth + 1)));
        const minLength = Math.min((s.minItems as number | undefined) ?? 0, 10);
        return fc.array(s.items ? valid(s.items, depth + 1) : fc.anything(), { minLength, maxLength: minLength + 3 });
      }
      default: {
        if (!s.properties) return fc.dictionary(fc.string(), fc.anything({ maxDepth: 1 }), { maxKeys: 3 });
        const props = Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, valid(p, depth + 1)]));
        return fc.record(props, { requiredKeys: s.required ?? [] });
      }
    }
  };

  /** A value that is wrong for the schema (type, range, format, enum) or at least hostile. */
  const bad = (raw: JsonSchema): fc.Arbitrary<unknown> => {
    const s = resolve(raw);
    if (s.enum) {
      const allowed = new Set(s.enum);
      return hostileJson.filter((v) => !allowed.has(v as never));
    }
    return hostileJson;
  };

  /**
   * A body for the schema. `mayBeValid` routes get a mix of valid and hostile fields; the others
   * (those that write) only hostile fields, so a lucky draw cannot change the database.
   */
  const body = (raw: JsonSchema, mayBeValid: boolean): fc.Arbitrary<unknown> => {
    const s = resolve(raw);
    if (!s.properties) return fc.oneof(mayBeValid ? valid(s) : bad(s), hostileJson);
    const entries = Object.entries(s.properties);
    const field = (p: JsonSchema) => (mayBeValid ? fc.oneof(valid(p), bad(p)) : bad(p));
    // Every field valid or hostile at random, with a stray extra key now and then.
    const mixed = fc.record(
      { ...Object.fromEntries(entries.map(([k, p]) => [k, field(p)])), __extra: hostileJson },
      { requiredKeys: [] },
    );
    const arbs: fc.WeightedArbitrary<unknown>[] = [
      { weight: 2, arbitrary: mixed },
      { weight: 1, arbitrary: hostileJson },
    ];
    if (mayBeValid) {
      // Valid but for (at most) one field: gets past the other checks to the handler.
      const validRecord = valid(s) as fc.Arbitrary<Record<string, unknown>>;
      const names = entries.map(([k]) => k);
      arbs.push({
        weight: 3,
        arbitrary: fc
          .tuple(validRecord, fc.option(fc.tuple(fc.constantFrom(...names), hostileJson), { nil: undefined, freq: 2 }))
          .map(([rec, hit]) => (hit ? { ...rec, [hit[0]]: hit[1] } : rec)),
      });
    }
    return fc.oneof(...arbs);
  };

  return { resolve, valid, bad, body };
}

/** Bodies that are not JSON, or not the JSON they claim. */
const RAW_BODIES = [
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '"x"',
  '\ufeff{}',
  '{"a":1}garbage',
  'NaN',
  '{"__proto__":{"x":1}}',
  '\u0000',
];

const encodeLoose = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Query or path text: usually percent-encoded, sometimes raw (broken %-escapes and all). */
const urlText = (value: fc.Arbitrary<unknown>) =>
  fc.tuple(value, fc.boolean()).map(([v, raw]) => {
    const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
    return raw ? s.replace(/[#?/&]/g, (c) => encodeURIComponent(c)) : encodeLoose(s);
  });

const RAW_PATH_SEGMENTS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2f..%2f',
  '%20',
  '%u0041',
];

// ---------------------------------------------------------------------------------------------

/** Runs per route, every one of them made: a busy machine makes the fuzz slower, never thinner. */
const NON_IMPORT_RUNS = 60;
const IMPORT_RUNS = 80;

const KEY_TABLES = [
  'regions',
  'grids',
  'parks',
  'industries',
  'enterprises',
  'inspections',
  'findings',
  'complaints',
  'violation_cases',
  'damage_compensations',
  'insurance_policies',
  'code_assessments',
  'sections',
  'readings',
  'rivers',
  'compensation_agreements',
  'compensation_assessments',
  'county_water_use',
  'users',
  'sessions',
  'inspection_plans',
];

describe('fuzzing every route from the OpenAPI document', () => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let doc: Doc;
  let headersFor: (who: Who) => Record<string, string>;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of KEY_TABLES) {
      const [row] = rowsOf<{ n: number }>(await h.db.execute(sql.raw(`select count(*)::int as n from ${table}`)));
      out[table] = Number(row.n);
    }
    return out;
  };

  beforeAll(async () => {
    const started = performance.now();
    h = await seededDb('pglite', 200);
    if (process.env.FUZZ_TIMING) console.log(`seeded in ${Math.round(performance.now() - started)} ms`);
    t = testApi(h);
    const res = await t.request('/api/openapi.json');
    doc = (await res.json()) as Doc;
    const analyst = await signIn(h.db, 'analyst');
    const admin = await signIn(h.db, 'admin');
    headersFor = (who): Record<string, string> =>
      who === 'public'
        ? {}
        : who === 'analyst'
          ? analyst.headers
          : who === 'admin'
            ? admin.headers
            : { cookie: admin.headers.cookie };
  });
  afterAll(() => h?.close());

  const routes = (): Route[] =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );

  /** One problem with a response, or null when it is fine. */
  async function check(res: Response, label: string): Promise<string | null> {
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return res.status < 500 ? null : `${label} → ${res.status}`;
    }
    const text = await res.text();
    if (res.status >= 500) return `${label} → ${res.status} ${text.slice(0, 300)}`;
    if (res.status >= 400) {
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        return `${label} → ${res.status} not JSON: ${text.slice(0, 200)}`;
      }
      const e = body?.error;
      if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !Array.isArray(e.details))
        return `${label} → ${res.status} without the error shape: ${text.slice(0, 200)}`;
      if (/\bat .+\.(ts|js):\d+/.test(text)) return `${label} → ${res.status} leaks a stack trace`;
    }
    return null;
  }

  const WRITES = new Set([
    'POST /users',
    'PATCH /users/{id}',
    'POST /users/{id}/password-reset',
    'POST /inspections/plan',
    'POST /auth/logout',
  ]);
  const WHO: Who[] = ['public', 'analyst', 'admin', 'admin-no-csrf'];

  function requestFor(route: Route, g: ReturnType<typeof resolver>) {
    const params = route.op.parameters ?? [];
    const key = `${route.method} ${route.path}`;
    const mayBeValid = !WRITES.has(key);
    const pathArbs = Object.fromEntries(
      params
        .filter((p) => p.in === 'path')
        .map((p) => [
          p.name,
          fc.oneof(
            urlText(mayBeValid ? fc.oneof(g.valid(p.schema), g.bad(p.schema)) : g.bad(p.schema)),
            fc.constantFrom(...RAW_PATH_SEGMENTS),
            // A well-formed id that does not exist: reaches the handler, must be a 404.
            fc.constant('2147483647'),
            // Ids that exist in the seeded data (never on the routes that write).
            ...(mayBeValid && p.schema.type === 'integer' ? [fc.integer({ min: 1, max: 40 }).map(String)] : []),
          ),
        ]),
    );
    const queryParams = params.filter((p) => p.in === 'query');
    const pair = (name: string, value: fc.Arbitrary<string>) => value.map((v) => `${name}=${v}`);
    // Valid parameters but for at most one hostile one, so the handler itself runs…
    const nearlyValid = fc
      .tuple(
        fc.tuple(...queryParams.map((p) => fc.option(pair(p.name, urlText(g.valid(p.schema))), { nil: undefined }))),
        queryParams.length
          ? fc.option(
              fc
                .constantFrom(...queryParams)
                .chain((p) => pair(p.name, urlText(fc.oneof(g.bad(p.schema), hostileText)))),
              { nil: undefined, freq: 2 },
            )
          : fc.constant(undefined),
      )
      .map(([valid, hostile]) => {
        const name = hostile?.split('=')[0];
        return [...valid.filter((v): v is string => !!v && v.split('=')[0] !== name), ...(hostile ? [hostile] : [])];
      });
    // …or anything goes: hostile values, repeated parameters.
    const chaos = fc
      .tuple(
        ...queryParams.map((p) =>
          fc.option(
            fc
              .tuple(pair(p.name, urlText(fc.oneof(g.valid(p.schema), g.bad(p.schema)))), fc.boolean())
              .map(([kv, twice]) => (twice ? [kv, kv] : [kv])),
            { nil: undefined },
          ),
        ),
      )
      .map((list) => list.flatMap((x) => x ?? []));
    const queryArb = fc.oneof({ weight: 3, arbitrary: nearlyValid }, { weight: 1, arbitrary: chaos });
    const extraQuery = fc.option(fc.tuple(urlText(hostileText), urlText(hostileText)), { nil: undefined });
    const content = route.op.requestBody?.content['application/json'];
    const bodyArb: fc.Arbitrary<{ type: string | null; body: string | undefined }> = content
      ? fc.oneof(
          {
            weight: 6,
            arbitrary: g
              .body(content.schema, mayBeValid)
              .map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
          },
          {
            weight: 2,
            arbitrary: fc.record({
              type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', null),
              body: fc.constantFrom(...RAW_BODIES),
            }),
          },
          { weight: 1, arbitrary: fc.constant({ type: null, body: undefined }) },
        )
      : fc.oneof(
          fc.constant({ type: null, body: undefined }),
          hostileJson.map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
        );
    const who = key === 'POST /auth/logout' ? fc.constant<Who>('public') : fc.constantFrom(...WHO);
    return fc.record({
      path: fc.record(pathArbs),
      query: queryArb,
      extraQuery,
      body: bodyArb,
      who,
    });
  }

  async function fuzzRoute(route: Route, g: ReturnType<typeof resolver>, numRuns: number): Promise<string | null> {
    const key = `${route.method} ${route.path}`;
    const statuses: Record<number, number> = {};
    let runs = 0;
    try {
      await fc.assert(
        fc.asyncProperty(requestFor(route, g), async (r) => {
          let path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => r.path[name] as string);
          const q: string[] = [...r.query];
          if (r.extraQuery) q.push(`${r.extraQuery[0]}=${r.extraQuery[1]}`);
          if (q.length) path += `?${q.join('&')}`;
          const headers: Record<string, string> = { ...headersFor(r.who) };
          if (r.body.type) headers['content-type'] = r.body.type;
          const method = route.method;
          const init: RequestInit = { method, headers };
          if (method !== 'GET' && method !== 'HEAD' && r.body.body !== undefined) init.body = r.body.body;
          const res = await t.request(path, init);
          runs++;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const problem = await check(res, `${key} ${path.slice(0, 200)} as ${r.who}`);
          if (problem) throw new Error(problem);
        }),
        { numRuns, endOnFailure: true },
      );
      return runs >= numRuns ? null : `${key}: only ${runs} of ${numRuns} runs`;
    } catch (e) {
      return `${key}: ${(e as Error).message.slice(0, 1500)}`;
    } finally {
      if (process.env.FUZZ_TIMING) console.log(`${key} statuses ${JSON.stringify(statuses)}`);
    }
  }

  it('never answers 5xx, always the error shape, and writes nothing (non-import routes)', async () => {
    const g = resolver(doc);
    const all = routes();
    expect(all.length).toBeGreaterThan(25);
    const before = await counts();
    const failures: string[] = [];
    const todo = all.filter((r) => !(r.path.startsWith('/import/') && r.method === 'POST'));
    for (const route of todo) {
      // The SSE stream and the argon2-guarded login are slow by design: fewer, still hostile, runs.
      const runs = route.path === '/events' ? 5 : route.path === '/auth/login' ? 25 : NON_IMPORT_RUNS;
      const started = performance.now();
      const problem = await fuzzRoute(route, g, runs);
      if (process.env.FUZZ_TIMING)
        console.log(`${route.method} ${route.path}: ${Math.round(performance.now() - started)} ms`);
      if (problem) failures.push(problem);
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(await counts()).toEqual(before);
    const health = await t.json('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
  }, 900_000);

  it('import uploads: hostile files, kinds and fields never answer 5xx', async () => {
    const kinds = ['enterprises', 'parks', 'sections', 'readings', 'cases', 'complaints', 'findings', 'insurance'];
    // The real template headers (so rows get validated), and broken ones.
    const templateHeads: string[] = [];
    const headOf: Record<string, string> = {};
    for (const kind of kinds) {
      const res = await t.request(`/api/import/templates/${kind}?format=csv`);
      if (!res.ok) continue;
      headOf[kind] = (await res.text()).replace(/^\ufeff/, '').split(/\r?\n/)[0];
      templateHeads.push(headOf[kind]);
    }
    expect(templateHeads.length).toBeGreaterThan(5);
    const headerLines = [
      ...templateHeads,
      ...templateHeads,
      '统一社会信用代码,企业名称,地址,经度,纬度,行业代码',
      'uscc,name,address,lon,lat,industry',
      '断面编码,监测时间,pH,溶解氧',
      '案件编号,立案日期,介质,严重程度',
      '',
      '\ufeff\ufeff,,,',
      '"unterminated,quote',
      'a,a,a,a',
    ];
    const csvWith = (heads: fc.Arbitrary<string>) =>
      fc
        .tuple(
          heads,
          fc.array(
            fc.array(
              // Quoted properly, stripped of CSV syntax, or raw (which breaks the structure).
              fc.tuple(hostileText, fc.nat(3)).map(([text, how]) => {
                const c = text.slice(0, 200);
                return how < 2 ? `"${c.replace(/"/g, '""')}"` : how === 2 ? c.replace(/[",\r\n]/g, '') : c;
              }),
              { maxLength: 8 },
            ),
            { maxLength: 6 },
          ),
          fc.constantFrom('\r\n', '\n', '\r'),
        )
        .map(([head, rows, nl]) => new TextEncoder().encode([head, ...rows.map((r) => r.join(','))].join(nl)));
    const csv = csvWith(fc.constantFrom(...headerLines));
    const fileBytes = fc.oneof(
      { weight: 5, arbitrary: csv },
      fc.uint8Array({ maxLength: 2048 }),
      fc.constantFrom(
        new Uint8Array(),
        new TextEncoder().encode('\ufeff'),
        new TextEncoder().encode(
          '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1e308,-0],[NaN]]]}}]}',
        ),
        new TextEncoder().encode('{"type":"FeatureCollection","features":"nope"}'),
        new TextEncoder().encode(`a${','.repeat(200_000)}\n1`),
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), // a zip (xlsx) header and nothing else
      ),
    );
    const mostly = <T>(good: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: other });
    // Mostly a real kind with a CSV under its own template header, so the rows get validated.
    const kindAndFile = mostly(
      fc
        .constantFrom(...Object.keys(headOf))
        .chain((kind) =>
          fc.record({ kind: fc.constant(kind), file: mostly(csvWith(fc.constant(headOf[kind])), fileBytes) }),
        ),
      fc.record({
        kind: fc.oneof(fc.constantFrom(...kinds), urlText(hostileText), fc.constantFrom(...RAW_PATH_SEGMENTS)),
        file: fc.option(fileBytes, { nil: undefined }),
      }),
    );
    const upload = fc.record({
      target: kindAndFile,
      fileAsText: fc.nat(9).map((n) => n === 0),
      name: mostly(
        fc.constantFrom('data.csv', 'data.csv', 'data.csv', 'data.xlsx', 'data.geojson', 'data.json', 'DATA.CSV'),
        fc.oneof(
          fc.constantFrom('../../etc/passwd', '..\\..\\x.csv', 'a\u0000.csv', '', '.csv', 'x.exe'),
          hostileText.map((s) => s.slice(0, 300)),
        ),
      ),
      crs: fc.option(mostly(fc.constantFrom('wgs84', 'gcj02', 'bd09'), hostileText), { nil: undefined }),
      dryRun: fc.option(mostly(fc.constantFrom('true', 'false', '1', '0'), hostileText), { nil: undefined }),
      partial: fc.option(mostly(fc.constantFrom('true', 'false'), hostileText), { nil: undefined }),
      who: mostly(fc.constant<Who>('admin'), fc.constantFrom<Who>('public', 'analyst', 'admin-no-csrf')),
      asJson: fc.nat(19).map((n) => n === 0),
    });
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    try {
      await fc.assert(
        fc.asyncProperty(upload, async ({ target, ...u }) => {
          const { kind, file } = target;
          const headers = { ...headersFor(u.who) };
          let body: BodyInit;
          if (u.asJson) {
            headers['content-type'] = 'application/json';
            body = JSON.stringify({ file: 'x', crs: u.crs });
          } else {
            const fd = new FormData();
            if (file) {
              if (u.fileAsText) fd.set('file', new TextDecoder().decode(file));
              else fd.set('file', new File([file as BlobPart], u.name));
            }
            if (u.crs !== undefined) fd.set('crs', u.crs);
            if (u.dryRun !== undefined) fd.set('dryRun', u.dryRun);
            if (u.partial !== undefined) fd.set('partial', u.partial);
            body = fd;
          }
          const path = `/api/import/${kind}`;
          const res = await t.request(path, { method: 'POST', headers, body });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const problem = await check(res, `POST ${path.slice(0, 120)} as ${u.who} (${u.name.slice(0, 40)})`);
          if (problem) throw new Error(problem);
        }),
        { numRuns: IMPORT_RUNS, endOnFailure: true },
      );
    } catch (e) {
      failures.push((e as Error).message.slice(0, 2000));
    }
    const made = Object.values(statuses).reduce((a, n) => a + n, 0);
    if (failures.length === 0) expect(made).toBeGreaterThanOrEqual(IMPORT_RUNS);
    if (process.env.FUZZ_TIMING) console.log(`POST /import/{kind} statuses ${JSON.stringify(statuses)}`);
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect((await t.json('/api/health')).body.status).toBe('ok');
  }, 900_000);

  it('regressions found by the fuzzer answer 400, not 500', async () => {
    const ring = (pts: number[][]) => ({ type: 'Polygon', coordinates: [pts] });
    const cases = [
      // NUL in text bound to a query: PostgreSQL rejects it (SQLSTATE 22021).
      { path: '/api/auth/login', body: { username: 'a\u0000b', password: 'x' } },
      // Degenerate ring, a ring through the pole, the whole world: H3 failures and a CPU bomb.
      {
        path: '/api/hotspots/compute',
        body: {
          res: 9,
          points: [],
          studyArea: ring([
            [0, 0],
            [0, 0],
            [0, 0],
            [0, 0],
          ]),
        },
      },
      {
        path: '/api/hotspots/compute',
        body: {
          res: 6,
          points: [],
          studyArea: ring([
            [0, 90],
            [90, 90],
            [180, 90],
            [0, 90],
          ]),
        },
      },
      {
        path: '/api/hotspots/compute',
        body: {
          res: 9,
          points: [],
          studyArea: ring([
            [-180, -90],
            [180, -90],
            [180, 90],
            [-180, 90],
            [-180, -90],
          ]),
        },
      },
      {
        path: '/api/hotspots/compute',
        body: {
          res: 9,
          points: [],
          studyArea: ring([
            [100, 20],
            [110, 20],
            [110, 30],
            [100, 30],
            [100, 20],
          ]),
        },
      },
    ];
    for (const { path, body } of cases) {
      const started = performance.now();
      const res = await t.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      expect(res.body.error.code).toMatch(/invalid_input|invalid_geometry|study_area_too_large/);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
    const nul = await t.request('/api/enterprises?q=a%00b');
    expect(nul.status).toBeLessThan(500);
    // A streamed download must meet bad text before its headers go out, not halfway through the body.
    const download = await t.request('/api/enterprises/export?format=csv&q=a%00b');
    expect(download.status).toBeLessThan(500);
    await expect(download.arrayBuffer()).resolves.toBeDefined();
  });

  it('a JSON body over 5 MB is a 413 in the error shape, on every JSON route', async () => {
    const big = JSON.stringify({ samples: Array.from({ length: 400_000 }, () => ({ ph: 7.1234567 })) });
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    for (const path of ['/api/water/classify', '/api/codes/evaluate', '/api/auth/login', '/api/hotspots/compute']) {
      const res = await t.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(res.status, path).toBe(413);
      const body = (await res.json()) as any;
      expect(body.error).toMatchObject({ code: 'payload_too_large', details: [] });
    }
    // Signed in, too (the session and CSRF checks come first and must not read the body).
    const res = await t.request('/api/users', {
      method: 'POST',
      headers: { ...headersFor('admin'), 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await t.json('/api/health')).body.status).toBe('ok');
  });
});
