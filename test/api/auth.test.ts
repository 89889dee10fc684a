import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { auditLog, enterprises, industries, loginFailures, regions, sessions, users } from '../../server/db/schema';
import { createUser, ensureAdmin, loginLimits } from '../../server/services/auth';
import { testApi } from '../support/app';
import { engines, freshDb } from '../support/test-db';

const PW = 'correct horse battery';

type Login = {
  status: number;
  body: any;
  setCookie: string;
  sid: string | null;
  csrf: string | null;
  retryAfter: string | null;
};

describe.each(engines)('users, sessions and CSRF on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let adminPassword: string;
  let enterpriseId: number;

  beforeAll(async () => {
    h = await freshDb(engine);
    t = testApi(h);
    delete process.env.ADMIN_PASSWORD;
    const boot = await ensureAdmin(h.db);
    expect(boot.created).toBe(true);
    adminPassword = boot.password as string;
    await createUser(h.db, { username: 'ana', displayName: '分析员', role: 'analyst', password: PW });
    await createUser(h.db, { username: 'lea', displayName: '局领导', role: 'leader', password: PW });
    await createUser(h.db, { username: 'rl', displayName: 'rate limit', role: 'analyst', password: PW });
    const off = await createUser(h.db, {
      username: 'off',
      displayName: '停用',
      role: 'analyst',
      password: PW,
    });
    await h.db.update(users).set({ disabled: true }).where(eq(users.id, off.id));

    await h.db.insert(regions).values({ code: '330802', name: '柯城区', level: 'county' });
    await h.db.insert(industries).values({ code: 'C2614', name: '有机化学原料制造' });
    const [e] = await h.db
      .insert(enterprises)
      .values({
        uscc: '91330802MA2DXXXX1A',
        name: '衢州测试化工有限公司',
        address: '柯城区测试路 1 号',
        lon: 118.87,
        lat: 28.94,
        h3: '8841a0c6b5fffff',
        countyCode: '330802',
        industryCode: 'C2614',
        contactName: '张三',
        contactPhone: '13800000000',
      })
      .returning({ id: enterprises.id });
    enterpriseId = e.id;
  });
  afterAll(() => h?.close());

  async function login(username: string, password: string, headers: Record<string, string> = {}): Promise<Login> {
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = await res.json();
    return {
      status: res.status,
      body,
      setCookie,
      sid: /eco_sid=([^;]+)/.exec(setCookie)?.[1] ?? null,
      csrf: body.csrfToken ?? null,
      retryAfter: res.headers.get('retry-after'),
    };
  }
  const as = (s: Pick<Login, 'sid' | 'csrf'>, token = true): Record<string, string> => ({
    cookie: `eco_sid=${s.sid}`,
    ...(token && s.csrf ? { 'x-csrf-token': s.csrf } : {}),
  });
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.json(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('ensureAdmin creates admin once, with a generated password', async () => {
    expect(adminPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await ensureAdmin(h.db)).toEqual({ created: false });
    expect((await login('admin', adminPassword)).status).toBe(200);
  });

  it('login sets an HttpOnly SameSite=Strict cookie and returns the user and a CSRF token', async () => {
    const s = await login('ana', PW);
    expect(s.status).toBe(200);
    expect(s.body.user).toEqual({
      id: expect.any(Number),
      username: 'ana',
      displayName: '分析员',
      role: 'analyst',
    });
    expect(s.body.user).not.toHaveProperty('passwordHash');
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Strict/i);
    expect(s.setCookie).toMatch(/Path=\//);
    expect(s.setCookie).toMatch(/Max-Age=43200/);
    expect(s.setCookie).not.toMatch(/Secure/i);

    const me = await t.json('/api/auth/me', { headers: as(s, false) });
    expect(me.body).toEqual({ user: s.body.user, role: 'analyst', csrfToken: s.csrf });
    const anon = await t.json('/api/auth/me');
    expect(anon.body).toEqual({ user: null, role: 'public' });
  });

  it('wrong password and unknown user get the same 401, and no cookie', async () => {
    const wrong = await login('lea', 'not the password');
    const unknown = await login('nobody-here', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(wrong.setCookie).toBe('');
  });

  it('bad login input is a 400, never a 500', async () => {
    for (const body of [
      {},
      { username: 'ana' },
      { username: 1, password: 2 },
      { username: "' or 1=1 --", password: 'x'.repeat(10_000) },
    ]) {
      const r = await send('POST', '/api/auth/login', body);
      expect(r.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
    const notJson = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
  });

  it('Secure cookies: X-Forwarded-Proto counts only with TRUST_PROXY; COOKIE_SECURE overrides', async () => {
    const secure = async (env: Record<string, string>, headers: Record<string, string> = {}) => {
      Object.assign(process.env, env);
      try {
        const r = await login('ana', PW, headers);
        expect(r.status).toBe(200);
        return /;\s*Secure/i.test(r.setCookie);
      } finally {
        for (const k of Object.keys(env)) delete process.env[k];
      }
    };
    const tls = { 'x-forwarded-proto': 'https' };
    expect(await secure({}, tls)).toBe(false);
    expect(await secure({ TRUST_PROXY: '1' }, tls)).toBe(true);
    expect(await secure({ TRUST_PROXY: '1' })).toBe(false);
    expect(await secure({ COOKIE_SECURE: 'true' })).toBe(true);
    expect(await secure({ COOKIE_SECURE: 'false', TRUST_PROXY: '1' }, tls)).toBe(false);
    expect(await secure({ COOKIE_SECURE: 'auto' }, tls)).toBe(false);
  });

  it('the 6th failed attempt in 15 minutes is refused with 429, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('rl', `wrong-${i}`)).status).toBe(401);
    const blocked = await login('rl', PW);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(blocked.body.error.message).toMatch(/登录失败次数过多.*too many failed login attempts, try again in 15 min/);
    expect(blocked.setCookie).toBe('');
    // Another username from the same address is not locked out.
    expect((await login('lea', PW)).status).toBe(200);
    // 15 minutes later (the failures moved back in time) the user may try again.
    await h.db.update(loginFailures).set({ at: sql`${loginFailures.at} - interval '15 minutes 1 second'` });
    expect((await login('rl', PW)).status).toBe(200);
  });

  it('spraying usernames from one address: 429 after the per-address limit, also after a restart', async () => {
    const { perIp } = loginLimits();
    expect(perIp).toBe(30);
    process.env.TRUST_PROXY = '1';
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 0; i < perIp; i++)
        expect((await login(`spray-${i}`, 'wrong password', from('203.0.113.7'))).status).toBe(401);
      // Even a real user with the right password, from that address.
      const blocked = await login('ana', PW, from('203.0.113.7'));
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.message).toMatch(
        /此地址登录失败次数过多.*too many failed login attempts from this address/,
      );
      expect(Number(blocked.retryAfter)).toBeGreaterThan(14 * 60);
      expect((await login('ana', PW, from('203.0.113.8'))).status).toBe(200);
      // A restart forgets nothing: a new API over the same database.
      const restarted = testApi(h);
      const again = await restarted.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from('203.0.113.7') },
        body: JSON.stringify({ username: 'spray-new', password: 'wrong password' }),
      });
      expect(again.status).toBe(429);
    } finally {
      delete process.env.TRUST_PROXY;
    }
    // Without TRUST_PROXY a forged X-Forwarded-For changes nothing: all from the socket's address.
    for (let i = 0; i < perIp; i++)
      expect((await login(`forged-${i}`, 'wrong password', { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401);
    expect((await login('forged-x', 'wrong password', { 'x-forwarded-for': '198.51.100.250' })).status).toBe(429);
    await h.db.delete(loginFailures);
  });

  it('a disabled user cannot log in', async () => {
    const r = await login('off', PW);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_credentials');
  });

  it('an expired session is public', async () => {
    const s = await login('ana', PW);
    await h.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(sessions.id, s.sid as string));
    expect((await t.json('/api/auth/me', { headers: as(s) })).body).toEqual({ user: null, role: 'public' });
    const detail = await t.json(`/api/enterprises/${enterpriseId}`, { headers: as(s) });
    expect(detail.status).toBe(200);
    expect(detail.body).not.toHaveProperty('contact');
  });

  it('enterprise detail shows the contact to an analyst, not to the public', async () => {
    const s = await login('ana', PW);
    const staff = await t.json(`/api/enterprises/${enterpriseId}`, { headers: as(s) });
    expect(staff.body.contact).toEqual({ name: '张三', phone: '13800000000' });
    const pub = await t.json(`/api/enterprises/${enterpriseId}`);
    expect(pub.status).toBe(200);
    expect(pub.body).not.toHaveProperty('contact');
    expect(JSON.stringify(pub.body)).not.toContain('13800000000');
  });

  it('CSRF: state changes with a session need the token; anonymous staff routes are 401', async () => {
    const plan = { period: '2026Q3', yellowRate: 0.2, seed: 1 };
    const s = await login('ana', PW);

    const noToken = await send('POST', '/api/inspections/plan', plan, as(s, false));
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('csrf');
    const wrongToken = await send('POST', '/api/inspections/plan', plan, {
      ...as(s, false),
      'x-csrf-token': 'x'.repeat(43),
    });
    expect(wrongToken.status).toBe(403);
    const crossSite = await send('POST', '/api/inspections/plan', plan, {
      ...as(s),
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe('csrf');

    const ok = await send('POST', '/api/inspections/plan', plan, { ...as(s), origin: 'http://localhost' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ period: '2026Q3', seed: 1 });

    const anon = await send('POST', '/api/inspections/plan', plan);
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthenticated');
    // The role is checked before the body, so the public learns nothing about the input rules.
    expect((await send('POST', '/api/inspections/plan', { period: 'x' })).status).toBe(401);
    // A leader may draw a plan too.
    const lea = await login('lea', PW);
    expect((await send('POST', '/api/inspections/plan', plan, as(lea))).status).toBe(200);
  });

  it('what-if endpoints stay open to anonymous POSTs', async () => {
    const facts = { asOf: '2026-06-30', cases: [{ date: '2026-03-01', severity: 'general' }] };
    const anon = await send('POST', '/api/codes/evaluate', facts);
    expect(anon.status).toBe(200);
    expect(anon.body.colour).toBe('yellow');
    // They write nothing, so a signed-in page need not send the token either.
    const s = await login('ana', PW);
    expect((await send('POST', '/api/codes/evaluate', facts, as(s, false))).status).toBe(200);
  });

  it('logout ends the session and clears the cookie', async () => {
    const s = await login('lea', PW);
    expect((await send('POST', '/api/auth/logout', {}, as(s, false))).status).toBe(403);
    const res = await t.request('/api/auth/logout', { method: 'POST', headers: as(s) });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/eco_sid=;.*Max-Age=0/);
    expect(
      await h.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, s.sid as string)),
    ).toHaveLength(0);
    expect((await t.json('/api/auth/me', { headers: as(s) })).body.role).toBe('public');
  });

  it('only an admin manages users; hashes never leave; changes are audited', async () => {
    const ana = await login('ana', PW);
    expect((await t.json('/api/users', { headers: as(ana) })).status).toBe(403);
    expect((await t.json('/api/users')).status).toBe(401);
    expect(
      (await send('POST', '/api/users', { username: 'x1', displayName: 'x', role: 'admin', password: PW }, as(ana)))
        .status,
    ).toBe(403);
    expect((await t.json('/api/audit', { headers: as(ana) })).status).toBe(403);

    const adm = await login('admin', adminPassword);
    const list = await t.json('/api/users', { headers: as(adm) });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: any) => u.username)).toEqual(expect.arrayContaining(['admin', 'ana', 'lea', 'off']));
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash/);

    const created = await send(
      'POST',
      '/api/users',
      { username: '王科长', displayName: '王科长', role: 'leader' },
      as(adm),
    );
    expect(created.status).toBe(201);
    expect(created.body.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const wang = created.body.user;
    const dup = await send(
      'POST',
      '/api/users',
      { username: '王科长', displayName: 'again', role: 'leader', password: PW },
      as(adm),
    );
    expect(dup.status).toBe(409);

    const wangSession = await login('王科长', created.body.password);
    expect(wangSession.status).toBe(200);
    const changed = await send('PATCH', `/api/users/${wang.id}`, { password: 'a new password 1' }, as(adm));
    expect(changed.status).toBe(200);
    expect((await t.json('/api/auth/me', { headers: as(wangSession) })).body.role).toBe('public');
    expect((await login('王科长', 'a new password 1')).status).toBe(200);

    const demoted = await send('PATCH', `/api/users/${wang.id}`, { role: 'analyst', disabled: true }, as(adm));
    expect(demoted.body.user).toMatchObject({ role: 'analyst', disabled: true });
    expect((await login('王科长', 'a new password 1')).status).toBe(401);

    const me = (await t.json('/api/auth/me', { headers: as(adm) })).body.user;
    const lastAdmin = await send('PATCH', `/api/users/${me.id}`, { disabled: true }, as(adm));
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.error.code).toBe('last_admin');

    const rows = await h.db.select().from(auditLog).orderBy(desc(auditLog.id));
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'system.admin_bootstrap',
        'auth.login',
        'auth.login_failed',
        'auth.logout',
        'users.create',
        'users.update',
      ]),
    );
    const update = rows.find((r) => r.action === 'users.update' && (r.details as any)?.passwordChanged);
    expect(update).toMatchObject({ userId: me.id, target: `user:${wang.id}` });
    expect(JSON.stringify(rows)).not.toContain('a new password 1');

    const logins = await t.json('/api/audit?action=auth.login&limit=2', { headers: as(adm) });
    expect(logins.status).toBe(200);
    expect(logins.body.items).toHaveLength(2);
    expect(logins.body.total).toBeGreaterThan(2);
    expect(logins.body.items.every((r: any) => r.action === 'auth.login' && typeof r.at === 'string')).toBe(true);
    expect(logins.body.items[0].username).toBeTypeOf('string');
  });

  it('user and audit endpoints reject bad input with 400 and write nothing', async () => {
    const adm = await login('admin', adminPassword);
    const [{ n: before }] = await h.db.select({ n: sql<number>`count(*)::int` }).from(users);
    const bad = [
      { username: "x'; drop table users; --", displayName: 'x', role: 'analyst', password: PW },
      { username: 'okname', displayName: 'x', role: 'root', password: PW },
      { username: 'okname', displayName: 'x', role: 'analyst', password: 'short' },
      // Five emoji are ten UTF-16 units but five characters.
      { username: 'okname', displayName: 'x', role: 'analyst', password: '🌿🌿🌿🌿🌿' },
      { username: 'okname', displayName: 'x', role: 'analyst', password: 'password12' },
      { username: 'okname', displayName: 'x', role: 'analyst', password: 'x'.repeat(300) },
      { username: 'okname', displayName: '', role: 'analyst' },
      { username: 'okname', displayName: 'a\u0000b', role: 'analyst' },
      { username: 'okname', displayName: 'x', role: 'analyst', passwordHash: 'injected' },
      { username: 12, displayName: null, role: ['admin'] },
    ];
    for (const body of bad) {
      const r = await send('POST', '/api/users', body, as(adm));
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
    expect((await send('PATCH', '/api/users/1', {}, as(adm))).status).toBe(400);
    expect((await send('PATCH', '/api/users/abc', { disabled: true }, as(adm))).status).toBe(400);
    expect((await send('PATCH', '/api/users/99999999999', { disabled: true }, as(adm))).status).toBe(400);
    expect((await send('PATCH', '/api/users/999999', { disabled: true }, as(adm))).status).toBe(404);
    expect((await send('PATCH', '/api/users/1', { disabled: 'yes' }, as(adm))).status).toBe(400);
    for (const q of [
      'limit=abc',
      'limit=0',
      'limit=100000',
      'offset=-1',
      'limit=NaN',
      `action=${encodeURIComponent("x' or 1=1")}`,
    ])
      expect((await t.json(`/api/audit?${q}`, { headers: as(adm) })).status, q).toBe(400);
    const [{ n: after }] = await h.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after).toBe(before);
    expect((await t.json('/api/health')).status).toBe(200);
  });

  it('new passwords: not common, not blank, no control characters, not the username; counted in characters', async () => {
    const adm = await login('admin', adminPassword);
    const create = (username: string, password: string) =>
      send('POST', '/api/users', { username, displayName: username, role: 'analyst', password }, as(adm));
    const refused: [string, RegExp][] = [
      ['password12', /密码太常见.*password is too common/],
      ['Qwerty2024!', /password is too common/],
      ['woaini1314', /password is too common/],
      [' '.repeat(10), /密码不能只有空白.*password must not be only spaces/],
      ['\u3000'.repeat(10), /password must not be only spaces/],
      ['\u0000'.repeat(10), /密码不能含控制字符.*control characters/],
      ['good words\nsecond line', /control characters/],
      ['🌿🌿🌿🌿🌿', /at least 10 characters/],
      ['checker-policy-2026', /密码不能包含用户名.*must not contain the username/],
    ];
    for (const [password, message] of refused) {
      const r = await create('checker', password);
      expect(r.status, JSON.stringify(password)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details[0]).toMatchObject({ path: 'password', message: expect.stringMatching(message) });
    }
    expect(await h.db.select().from(users).where(eq(users.username, 'checker'))).toHaveLength(0);
    // Ten characters of any script are ten characters.
    const ok = await create('checker', '生态环境一张图真好用啊');
    expect(ok.status).toBe(201);
    const patch = await send('PATCH', `/api/users/${ok.body.user.id}`, { password: 'Checker2026-ok' }, as(adm));
    expect(patch.status).toBe(400);
    expect(patch.body.error.details[0].message).toMatch(/must not contain the username/);
    const patchCommon = await send('PATCH', `/api/users/${ok.body.user.id}`, { password: 'iloveyou!!!' }, as(adm));
    expect(patchCommon.status).toBe(400);
    expect((await login('checker', '生态环境一张图真好用啊')).status).toBe(200);
  });
});
