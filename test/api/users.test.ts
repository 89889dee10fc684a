import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { auditLog, users } from '../../server/db/schema';
import { createUser } from '../../server/services/auth';
import { testApi } from '../support/app';
import { engines, freshDb } from '../support/test-db';

const PW = 'correct horse battery';

/** What the admin page's user screen relies on: list, add, change role, disable, reset password. */
describe.each(engines)('user administration on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let adminHeaders: Record<string, string>;
  let adminId: number;

  const login = async (username: string, password: string) => {
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json();
    const sid = /eco_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    return { status: res.status, headers: { cookie: `eco_sid=${sid}`, 'x-csrf-token': String(body.csrfToken) } };
  };
  const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    t.json(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    h = await freshDb(engine);
    t = testApi(h);
    adminId = (await createUser(h.db, { username: 'boss', displayName: '管理员', role: 'admin', password: PW })).id;
    await createUser(h.db, { username: 'ana', displayName: '分析员', role: 'analyst', password: PW });
    adminHeaders = (await login('boss', PW)).headers;
  });
  afterAll(() => h?.close());

  it('a password reset generates a new password once, ends the old sessions and is audited', async () => {
    const created = await send('POST', '/api/users', adminHeaders, {
      username: 'lily',
      displayName: '李科长',
      role: 'analyst',
      password: PW,
    });
    expect(created.status).toBe(201);
    const lily = created.body.user;
    const lilySession = await login('lily', PW);
    expect(lilySession.status).toBe(200);

    const reset = await send('POST', `/api/users/${lily.id}/password-reset`, adminHeaders);
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(reset.body.user).toMatchObject({ id: lily.id, username: 'lily', disabled: false });
    expect(JSON.stringify(reset.body.user)).not.toMatch(/argon2|passwordHash/);

    // The old password and the old session are gone; the new password works.
    expect((await login('lily', PW)).status).toBe(401);
    expect((await t.json('/api/auth/me', { headers: lilySession.headers })).body.role).toBe('public');
    expect((await login('lily', reset.body.password)).status).toBe(200);
    // The admin's own session survives resetting their own password.
    const own = await send('POST', `/api/users/${adminId}/password-reset`, adminHeaders);
    expect(own.status).toBe(200);
    expect((await t.json('/api/auth/me', { headers: adminHeaders })).body.role).toBe('admin');

    const [row] = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'users.password_reset'))
      .orderBy(auditLog.id)
      .limit(1);
    expect(row).toMatchObject({ userId: adminId, target: `user:${lily.id}`, details: { username: 'lily' } });
    const all = JSON.stringify(await h.db.select().from(auditLog).orderBy(desc(auditLog.id)));
    expect(all).not.toContain(reset.body.password);
  });

  it('change role and disable are audited with what changed; the list shows the result', async () => {
    const { body } = await t.json('/api/users', { headers: adminHeaders });
    const ana = body.items.find((u: any) => u.username === 'ana');
    const patched = await send('PATCH', `/api/users/${ana.id}`, adminHeaders, { role: 'leader' });
    expect(patched.body.user.role).toBe('leader');
    const disabled = await send('PATCH', `/api/users/${ana.id}`, adminHeaders, { disabled: true });
    expect(disabled.body.user.disabled).toBe(true);
    expect((await login('ana', PW)).status).toBe(401);
    const list = await t.json('/api/users', { headers: adminHeaders });
    expect(list.body.items.find((u: any) => u.id === ana.id)).toMatchObject({ role: 'leader', disabled: true });
    const rows = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `user:${ana.id}`))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.details)).toEqual([{ role: 'leader' }, { disabled: true }]);
  });

  it('refuses a reset for a non-admin, an unknown user or a malformed id, and writes nothing', async () => {
    const before = await h.db.select({ id: auditLog.id }).from(auditLog);
    const hashes = await h.db.select({ id: users.id, hash: users.passwordHash }).from(users).orderBy(users.id);
    await createUser(h.db, { username: 'viewer', displayName: 'viewer', role: 'analyst', password: PW });
    const viewer = (await login('viewer', PW)).headers;
    const afterLogin = (await h.db.select({ id: auditLog.id }).from(auditLog)).length;
    expect((await send('POST', `/api/users/${adminId}/password-reset`, viewer)).status).toBe(403);
    expect((await send('POST', `/api/users/${adminId}/password-reset`, {})).status).toBe(401);
    const unknown = await send('POST', '/api/users/999999/password-reset', adminHeaders);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    for (const id of ['abc', '-1', '1.5', '99999999999', "1'--"])
      expect((await send('POST', `/api/users/${encodeURIComponent(id)}/password-reset`, adminHeaders)).status, id).toBe(
        400,
      );
    expect((await h.db.select({ id: auditLog.id }).from(auditLog)).length).toBe(afterLogin);
    expect(afterLogin).toBeGreaterThan(before.length);
    const after = await h.db.select({ id: users.id, hash: users.passwordHash }).from(users).orderBy(users.id);
    expect(after.filter((u) => hashes.some((x) => x.id === u.id))).toEqual(hashes);
  });
});
