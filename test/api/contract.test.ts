import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { SESSION_COOKIE } from '../../server/http/session';
import { createUser, login } from '../../server/services/auth';
import { testApi } from '../support/app';
import { validate } from '../support/json-schema';
import { getOperations } from '../support/openapi-urls';
import { seededDb } from '../support/seeded';
import { engines } from '../support/test-db';

/**
 * The contract holds: every GET operation of /api/openapi.json, called as each role, answers
 * with a status the document lists, in a media type it lists for that status, and a JSON body
 * valid against the documented schema (fields present, of their type, null only where nullable).
 * Operations and their parameters come from the document itself, so a new route is covered.
 */
const ROLES = ['anonymous', 'analyst', 'admin'] as const;
type Role = (typeof ROLES)[number];

describe.each(engines)('OpenAPI contract on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let doc: any;
  const cookies: Partial<Record<Role, string>> = {};
  let ids: Record<'enterprises' | 'parks' | 'sections' | 'outlets', number[]>;

  beforeAll(async () => {
    h = await seededDb(engine);
    t = testApi(h);
    doc = (await t.json('/api/openapi.json')).body;
    for (const role of ['analyst', 'admin'] as const) {
      const password = `Contract-${role}-2026!`;
      await createUser(h.db, { username: `contract-${role}`, displayName: role, role, password });
      const s = await login(h.db, { username: `contract-${role}`, password });
      if (!s.ok) throw new Error(`${role} login failed`);
      cookies[role] = `${SESSION_COOKIE}=${s.session.id}`;
    }
    const q = async (query: ReturnType<typeof sql>) =>
      rowsOf<{ id: number }>(await h.db.execute(query)).map((r) => r.id);
    ids = {
      // One with a case (reasons, path to green, history) and one clean as far as may be.
      enterprises: [
        ...(await q(sql`select enterprise_id as id from violation_cases group by 1 order by count(*) desc, 1 limit 1`)),
        ...(await q(sql`select id from enterprises order by score desc, id limit 1`)),
      ],
      parks: await q(sql`select id from parks order by id limit 2`),
      sections: await q(sql`select id from sections order by handover desc, id limit 2`),
      outlets: await q(sql`select id from outlets order by id limit 1`),
    };
  });
  afterAll(() => h?.close());

  /** Status, media type and body of a GET; an event stream is read to its first event. */
  async function call(url: string, role: Role) {
    const controller = new AbortController();
    const cookie = cookies[role];
    const res = await t.request(url, { headers: cookie ? { cookie } : {}, signal: controller.signal });
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (type === 'text/event-stream') {
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      await reader.cancel();
      controller.abort();
      return { status: res.status, type, body: null };
    }
    const text = await res.text();
    // Downloads (CSV, XLSX, GeoJSON files) are documented as strings: only their media type is checked.
    return { status: res.status, type, body: type === 'application/json' ? JSON.parse(text) : null };
  }

  it('every GET answer, for every role, is what the document says', async () => {
    const ops = getOperations(doc, (path, param) => {
      if (param !== 'id') return undefined;
      const kind = (['enterprises', 'parks', 'sections', 'outlets'] as const).find((k) => path.startsWith(`/${k}/`));
      return kind && ids[kind];
    });
    expect(ops.map((o) => o.op)).toEqual(expect.arrayContaining(['GET /auth/me', 'GET /enterprises/{id}/code']));
    const problems: string[] = [];
    const answered = new Set<string>();
    for (const { op, path, urls } of ops) {
      const responses = doc.paths[path].get.responses;
      for (const role of ROLES) {
        for (const url of urls) {
          const a = await call(url, role);
          const documented = responses[String(a.status)] ?? responses.default;
          if (!documented) {
            problems.push(`${role} ${url}: status ${a.status} not documented`);
            continue;
          }
          if (a.status === 200) answered.add(op);
          const media = documented.content?.[a.type];
          if (!media) {
            problems.push(
              `${role} ${url}: ${a.status} as ${a.type || 'no content type'}, documented ${Object.keys(documented.content ?? {})}`,
            );
            continue;
          }
          if (a.body !== null && media.schema)
            for (const e of validate(doc, media.schema, a.body).slice(0, 5))
              problems.push(`${role} ${url} ${a.status}: ${e}`);
        }
      }
    }
    expect(problems, problems.slice(0, 30).join('\n')).toEqual([]);
    // Each operation walked answered 200 to some role: the walk reached real data, not only errors.
    // (One with no data to name in its path, such as outlets in a demo without them, has no URL.)
    expect(ops.filter((o) => o.urls.length > 0 && !answered.has(o.op)).map((o) => o.op)).toEqual([]);
  }, 600_000);

  it('anonymous /auth/me is {user: null}, and the document allows it', async () => {
    const me = await call('/api/auth/me', 'anonymous');
    expect(me.body).toEqual({ user: null, role: 'public' });
    const schema = doc.paths['/auth/me'].get.responses['200'].content['application/json'].schema;
    expect(validate(doc, schema, me.body)).toEqual([]);
    const admin = await call('/api/auth/me', 'admin');
    expect(admin.body.user.username).toBe('contract-admin');
    expect(validate(doc, schema, admin.body)).toEqual([]);
  });

  it('the check is not blind: a missing field, a wrong type and a stray null are caught', async () => {
    const { body } = await call(`/api/enterprises/${ids.enterprises[0]}`, 'analyst');
    const schema = doc.paths['/enterprises/{id}'].get.responses['200'].content['application/json'].schema;
    expect(validate(doc, schema, body)).toEqual([]);
    const { name: _name, ...missing } = body;
    expect(validate(doc, schema, missing)).toEqual(['$.name: missing']);
    expect(validate(doc, schema, { ...body, score: '85' })).toEqual(['$.score: string where number']);
    expect(validate(doc, schema, { ...body, countyName: null })).toEqual(['$.countyName: null where string']);
    // Nested, and through a $ref: a finding's state outside its enum, an id as text.
    const finding = { ...body.findings[0], state: 'closed' };
    expect(validate(doc, schema, { ...body, findings: [finding] })).toEqual([
      '$.findings[0].state: "closed" not in enum',
    ]);
    expect(validate(doc, schema, { ...body, parkId: '3' })).toHaveLength(1);
  });
});
