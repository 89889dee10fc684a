import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { SESSION_COOKIE } from '../../server/http/session';
import { createUser, login } from '../../server/services/auth';
import { testApi } from '../support/app';
import { getOperations } from '../support/openapi-urls';
import { seededDb } from '../support/seeded';

/**
 * The public role (no session — what the lobby screen and any passer-by get) must never see a
 * contact, a phone number, a premium, a personal name or the evidence behind a code. This walks
 * EVERY GET operation in the OpenAPI document, with real ids and every enumerated query value,
 * and scans each answer: JSON keys, string values, CSV/GeoJSON text, XLSX cells, the binary
 * layer's dictionary and the first SSE event. A route added later is walked automatically.
 */

const PRIVATE_KEYS = [
  'contact',
  'contactName',
  'contactPhone',
  'phone',
  'managerName',
  'managerPhone',
  'premium',
  'subsidyAmount',
  'subsidyPayer',
  'damageCompensations',
  'complainantName',
  'complainantPhone',
  'passwordHash',
  'password',
  'displayName',
  'inspector',
];
const privateKey = new Set(PRIVATE_KEYS.map((k) => k.toLowerCase()));
// A mainland mobile number not embedded in a longer run of digits (ids, USCCs, coordinates).
const PHONE = /(?<![\d.])1[3-9]\d{9}(?![\d.])/;

type Hit = { where: string; what: string };
type Answer = { status: number; contentType: string; text: string; json: unknown };

/** Every key and string value of a JSON document, with its path. */
function* walk(v: unknown, path = '$'): Generator<{ path: string; key?: string; value?: string }> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield* walk(v[i], `${path}[${i}]`);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      yield { path: `${path}.${k}`, key: k };
      yield* walk(x, `${path}.${k}`);
    }
  } else if (typeof v === 'string') {
    yield { path, value: v };
  }
}

describe('public role: no private field in any GET response', () => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let doc: any;
  let ids: { enterprises: number[]; parks: number[]; sections: number[]; outlets: number[] };
  let names: string[];
  let adminCookie: string;

  beforeAll(async () => {
    h = await seededDb('pglite');
    t = testApi(h);
    doc = (await t.json('/api/openapi.json')).body;
    const q = async (query: ReturnType<typeof sql>) =>
      rowsOf<{ id: number }>(await h.db.execute(query)).map((r) => r.id);
    // Enterprises whose detail has the most to leak: complaints, insurance, cases; plus a spread.
    const enterprises = new Set([
      ...(await q(
        sql`select enterprise_id as id from complaints where enterprise_id is not null group by 1 order by count(*) desc, 1 limit 10`,
      )),
      ...(await q(
        sql`select enterprise_id as id from insurance_policies where enterprise_id is not null group by 1 order by count(*) desc, 1 limit 10`,
      )),
      ...(await q(
        sql`select enterprise_id as id from violation_cases where enterprise_id is not null group by 1 order by count(*) desc, 1 limit 10`,
      )),
      ...(await q(sql`select id from enterprises where colour = 'red' order by score, id limit 5`)),
      ...(await q(
        sql`select c.enterprise_id as id from damage_compensations d join violation_cases c on c.id = d.case_id
             group by 1 order by bool_or(not d.paid) desc, 1 limit 5`,
      )),
      ...(await q(sql`select id from enterprises order by id limit 5`)),
    ]);
    ids = {
      enterprises: [...enterprises],
      parks: await q(sql`select id from parks order by id`),
      sections: await q(sql`select id from sections order by id`),
      // Outlet series are for signed-in roles: the public must get a 401 whatever the id.
      outlets: [...(await q(sql`select id from outlets order by id limit 3`)), 2_000_000_000],
    };
    // Personal names held by the database: none may reach the public.
    await createUser(h.db, {
      username: 'director',
      displayName: '欧阳局长',
      role: 'admin',
      password: 'public-fields-test',
    });
    names = rowsOf<{ n: string }>(
      await h.db.execute(sql`
        select contact_name as n from enterprises where contact_name is not null
        union select manager_name from grids where manager_name is not null
        union select complainant_name from complaints where complainant_name is not null
        union select display_name from users`),
    )
      .map((r) => r.n)
      .filter((n) => n.length >= 2);
    const inspectors = rowsOf<{ n: string }>(
      await h.db.execute(sql`select inspector as n from inspections where inspector is not null`),
    );
    for (const { n } of inspectors) names.push(...n.split(/[、,，\s]+/).filter((x) => x.length >= 2));
    names = [...new Set(names)];
    const session = await login(h.db, { username: 'director', password: 'public-fields-test' });
    if (!session.ok) throw new Error('admin login failed');
    adminCookie = `${SESSION_COOKIE}=${session.session.id}`;
  });
  afterAll(() => h?.close());

  async function fetchAnswer(url: string, cookie?: string): Promise<Answer> {
    const controller = new AbortController();
    const res = await t.request(url, { headers: cookie ? { cookie } : {}, signal: controller.signal });
    const contentType = res.headers.get('content-type') ?? '';
    let bytes: Uint8Array;
    if (contentType.startsWith('text/event-stream')) {
      // Read the first event, then hang up.
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const { value } = await reader.read();
      await reader.cancel();
      controller.abort();
      bytes = value ?? new Uint8Array();
    } else {
      bytes = new Uint8Array(await res.arrayBuffer());
    }
    let text: string;
    if (contentType.includes('spreadsheetml')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as never);
      const cells: string[] = [];
      wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
      text = cells.join('\n');
    } else if (contentType.startsWith('application/octet-stream')) {
      // The ENT2 layer: columns of numbers, then a JSON dictionary; latin1 keeps every byte.
      text = `${Buffer.from(bytes).toString('latin1')}\n${Buffer.from(bytes).toString('utf8')}`;
    } else {
      text = new TextDecoder().decode(bytes);
    }
    let json: unknown = null;
    if (contentType.includes('json')) json = JSON.parse(text);
    return { status: res.status, contentType, text, json };
  }

  function scan(url: string, a: Answer): Hit[] {
    const hits: Hit[] = [];
    const strings: string[] = [];
    if (a.json !== null) {
      for (const n of walk(a.json)) {
        if (n.key !== undefined && privateKey.has(n.key.toLowerCase()))
          hits.push({ where: `${url} ${n.path}`, what: 'private key' });
        if (n.value !== undefined) strings.push(n.value);
      }
      // Evidence ids behind a code's reasons and path to green are internal records.
      const code = a.json as { reasons?: { evidence?: unknown[] }[]; pathToGreen?: { evidence?: unknown[] }[] };
      for (const r of [...(code.reasons ?? []), ...(code.pathToGreen ?? [])])
        if ((r.evidence ?? []).length > 0) hits.push({ where: url, what: `evidence ${JSON.stringify(r.evidence)}` });
    } else {
      strings.push(a.text);
    }
    for (const s of strings) {
      const phone = s.match(PHONE);
      if (phone) hits.push({ where: url, what: `phone ${phone[0]}` });
      // Three-character names anywhere; two-character ones only as a whole value, since they also
      // occur inside ordinary words (程建 in 工程建筑).
      for (const name of names)
        if (name.length >= 3 ? s.includes(name) : s.trim() === name)
          hits.push({ where: url, what: `personal name ${name}` });
    }
    return hits;
  }

  const getUrls = () =>
    getOperations(doc, (path, param) => {
      if (param !== 'id') return undefined;
      const kind = (['enterprises', 'parks', 'sections', 'outlets'] as const).find((k) => path.startsWith(`/${k}/`));
      return kind && ids[kind];
    });

  it('walks every GET route of the OpenAPI document without a private field', async () => {
    const ops = getUrls();
    const getCount = Object.values<any>(doc.paths).filter((o) => o.get).length;
    expect(ops.length).toBe(getCount);
    expect(ops.map((o) => o.op)).toEqual(
      expect.arrayContaining([
        'GET /enterprises/{id}',
        'GET /enterprises/{id}/code',
        'GET /layers/enterprises',
        'GET /events',
      ]),
    );
    const hits: Hit[] = [];
    const statuses: Record<string, number[]> = {};
    for (const { op, urls } of ops) {
      for (const url of urls) {
        const a = await fetchAnswer(url);
        statuses[op] = [...(statuses[op] ?? []), a.status];
        expect(a.status, `${url} answered ${a.status}: a 5xx is a bug`).toBeLessThan(500);
        hits.push(...scan(url, a));
      }
    }
    // Every public route answered (staff-only ones with 401, which is also scanned; a template
    // format a kind does not offer is a 404).
    for (const [op, codes] of Object.entries(statuses)) {
      expect(
        codes.every((c) => c === 200 || c === 401 || c === 404) &&
          (codes.includes(200) || codes.every((c) => c === 401)),
        `${op}: ${codes.join(',')}`,
      ).toBe(true);
    }
    expect(hits, JSON.stringify(hits.slice(0, 20), null, 2)).toEqual([]);
  }, 180_000);

  it('the detector is not blind: a signed-in admin does see contacts, premiums and evidence', async () => {
    // The same scan over privileged answers must find what the public answers lack.
    const id = ids.enterprises[0];
    const detail = await fetchAnswer(`/api/enterprises/${id}`, adminCookie);
    expect(detail.status).toBe(200);
    const hits = scan(`/api/enterprises/${id}`, detail);
    expect(hits.some((x) => x.what === 'private key')).toBe(true);
    expect(hits.some((x) => x.what.startsWith('phone '))).toBe(true);

    const red = rowsOf<{ id: number }>(
      await h.db.execute(
        sql`select enterprise_id as id from violation_cases group by 1 order by count(*) desc limit 1`,
      ),
    )[0].id;
    const code = await fetchAnswer(`/api/enterprises/${red}/code`, adminCookie);
    expect(scan(`/api/enterprises/${red}/code`, code).some((x) => x.what.startsWith('evidence'))).toBe(true);
    const publicCode = await fetchAnswer(`/api/enterprises/${red}/code`);
    expect((publicCode.json as any).reasons.length).toBeGreaterThan(0);
    expect(scan(`/api/enterprises/${red}/code`, publicCode)).toEqual([]);

    const me = await fetchAnswer('/api/auth/me', adminCookie);
    expect(scan('/api/auth/me', me).some((x) => x.what === 'private key' || x.what.startsWith('personal name'))).toBe(
      true,
    );
    expect(names.length).toBeGreaterThan(50);
  });

  it('staff see premiums, subsidies and each damage compensation; the public sees none of them', async () => {
    const [unpaid] = rowsOf<{ id: number; amount: number; method: string; agreed: string; caseNo: string }>(
      await h.db.execute(sql`
        select c.enterprise_id as id, d.amount, d.method, d.agreed::text as agreed, c.case_no as "caseNo"
          from damage_compensations d join violation_cases c on c.id = d.case_id
         where not d.paid order by d.id limit 1`),
    );
    const [insured] = rowsOf<{ id: number; premium: number; rate: number }>(
      await h.db.execute(
        sql`select enterprise_id as id, premium, subsidy_rate as rate from insurance_policies where subsidy_rate > 0 order by id limit 1`,
      ),
    );
    for (const role of ['analyst', 'leader'] as const) {
      await createUser(h.db, { username: `story-${role}`, displayName: role, role, password: 'public-fields-test' });
      const s = await login(h.db, { username: `story-${role}`, password: 'public-fields-test' });
      if (!s.ok) throw new Error(`${role} login failed`);
      const cookie = `${SESSION_COOKIE}=${s.session.id}`;
      const staff = (await fetchAnswer(`/api/enterprises/${unpaid.id}`, cookie)).json as any;
      const d = staff.damageCompensations.find((x: any) => x.caseNo === unpaid.caseNo);
      expect(d).toMatchObject({ amount: unpaid.amount, method: unpaid.method, agreed: unpaid.agreed, state: 'unpaid' });
      expect(d.paidAmount).toBe(0);
      // The hard rule the code names is backed by the record the panel shows.
      const code = (await fetchAnswer(`/api/enterprises/${unpaid.id}/code`, cookie)).json as any;
      if (staff.codeEvaluatedAt >= unpaid.agreed) expect(code.hardRule).not.toBeNull();
      const policy = ((await fetchAnswer(`/api/enterprises/${insured.id}`, cookie)).json as any).insurance[0];
      expect(policy.premium).toBeGreaterThan(0);
      expect(policy.subsidyAmount).toBeCloseTo(policy.premium * policy.subsidyRate, 2);
    }
    const pubDamage = (await fetchAnswer(`/api/enterprises/${unpaid.id}`)).json as any;
    expect(pubDamage.damageCompensations).toBeUndefined();
    const pubPolicy = ((await fetchAnswer(`/api/enterprises/${insured.id}`)).json as any).insurance[0];
    expect(pubPolicy).toBeDefined();
    expect(pubPolicy.premium).toBeUndefined();
    expect(pubPolicy.subsidyAmount).toBeUndefined();
    expect(pubPolicy.subsidyRate).toBe(insured.rate); // the rate is public policy, the amount is not
  });

  it('shows the public the penalty facts of a case and only counts of findings and complaints', async () => {
    // The enterprise with the most third-party findings and complaints: texts the public must not get.
    const [busy] = rowsOf<{ id: number }>(
      await h.db.execute(sql`
        select e.id from enterprises e
        where exists (select 1 from violation_cases v where v.enterprise_id = e.id)
        order by (select count(*) from findings f where f.enterprise_id = e.id and f.source = 'third_party')
               + (select count(*) from complaints c where c.enterprise_id = e.id) desc
        limit 1`),
    );
    const staff = (await fetchAnswer(`/api/enterprises/${busy.id}`, adminCookie)).json as any;
    const pub = await fetchAnswer(`/api/enterprises/${busy.id}`);
    const view = pub.json as any;
    expect(staff.findings.some((f: any) => f.source === 'third_party')).toBe(true);
    expect(staff.complaints.length).toBeGreaterThan(0);

    // Counts agree with what staff see; the records themselves are not there.
    expect(view.findings).toBeUndefined();
    expect(view.complaints).toBeUndefined();
    const state = (s: string) => staff.findings.filter((f: any) => f.state === s).length;
    expect(view.counts).toEqual({
      findings: {
        total: staff.findings.length,
        rectified: state('rectified'),
        overdue: state('overdue'),
        open: state('open'),
      },
      complaints: {
        total: staff.complaints.length,
        verified: staff.complaints.filter((c: any) => c.verified).length,
      },
    });
    expect(staff.counts).toEqual(view.counts);
    for (const text of [
      ...staff.findings.map((f: any) => f.description),
      ...staff.complaints.map((c: any) => c.summary),
    ])
      expect(pub.text.includes(text), text).toBe(false);

    // Administrative penalty facts are public: number, date, medium, penalty, status — no record ids.
    expect(view.cases.length).toBe(staff.cases.length);
    expect(view.cases).toEqual(
      staff.cases.map((c: any) => ({
        caseNo: c.caseNo,
        filed: c.filed,
        medium: c.medium,
        penalty: c.penalty,
        status: c.status,
      })),
    );
    const recordIds = [...staff.cases, ...staff.inspections, ...staff.insurance].map((r: any) => r.id);
    expect(recordIds.length).toBeGreaterThan(0);
    for (const list of [view.cases, view.inspections, view.insurance])
      for (const r of list) expect(Object.keys(r)).not.toContain('id');
    // The code names the same evidence ids for staff and none for the public.
    const code = (await fetchAnswer(`/api/enterprises/${busy.id}/code`)).json as any;
    expect(code.reasons.every((r: any) => r.evidence.length === 0)).toBe(true);
  });
});
