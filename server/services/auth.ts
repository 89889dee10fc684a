import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, count, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog, loginFailures, sessions, users } from '../db/schema';
import { formatInstant } from '../domain/dates';

export const USER_ROLES = ['admin', 'leader', 'analyst'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** A user as anything outside this module may see it: never the password hash. */
export type PublicUser = {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  createdAt: string;
};

const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
};

const toPublic = (u: { createdAt: Date } & Omit<PublicUser, 'createdAt'>): PublicUser => ({
  ...u,
  createdAt: formatInstant(u.createdAt),
});

/** A refusal the caller can show as is; routes map `code` to an HTTP status. */
export class AuthError extends Error {
  constructor(
    readonly code: 'conflict' | 'not_found' | 'last_admin',
    message: string,
  ) {
    super(message);
  }
}

// @node-rs/argon2 defaults are argon2id, m=19 MiB, t=2, p=1: the OWASP minimum, ~20 ms here.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must lock the account, not crash the login.
    return false;
  }
}

/** 18 random bytes → 24 URL-safe characters, ~144 bits: strong and still typeable. */
export const generatePassword = () => randomBytes(18).toString('base64url');
const randomToken = () => randomBytes(32).toString('base64url');

let dummyHash: Promise<string> | null = null;
/** Verifying against a throwaway hash makes "no such user" cost as much as "wrong password". */
const burnVerify = async (password: string) => {
  dummyHash ??= hashPassword(generatePassword());
  await verifyPassword(await dummyHash, password);
};

export type NewUser = { username: string; displayName: string; role: UserRole; password: string };

export async function createUser(db: Db, u: NewUser): Promise<PublicUser> {
  const passwordHash = await hashPassword(u.password);
  const [row] = await db
    .insert(users)
    .values({ username: u.username, displayName: u.displayName, role: u.role, passwordHash })
    .onConflictDoNothing({ target: users.username })
    .returning(publicColumns);
  if (!row) throw new AuthError('conflict', `用户名已存在（username "${u.username}" already exists）`);
  return toPublic(row);
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  return (await db.select(publicColumns).from(users).orderBy(users.id)).map(toPublic);
}

export async function findUser(db: Db, by: { id: number } | { username: string }): Promise<PublicUser | null> {
  const where = 'id' in by ? eq(users.id, by.id) : eq(users.username, by.username);
  const [row] = await db.select(publicColumns).from(users).where(where);
  return row ? toPublic(row) : null;
}

export type UserPatch = { role?: UserRole; disabled?: boolean; password?: string };

/**
 * Changes role, disabled flag and/or password. Disabling or a new password ends the user's
 * sessions (except `keepSessionId`, so an admin changing their own password stays logged in).
 * Refuses to leave the system without an enabled admin: nobody could manage users then.
 */
export async function updateUser(db: Db, id: number, patch: UserPatch, keepSessionId?: string): Promise<PublicUser> {
  const current = await findUser(db, { id });
  if (!current) throw new AuthError('not_found', '未找到用户（user not found）');
  const losesAdmin =
    current.role === 'admin' &&
    !current.disabled &&
    ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
  if (losesAdmin) {
    const [{ n }] = await db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, id)));
    if (Number(n) === 0)
      throw new AuthError('last_admin', '不能停用或降级最后一个管理员（cannot disable or demote the last admin）');
  }
  const set: Partial<typeof users.$inferInsert> = {};
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (patch.password !== undefined) set.passwordHash = await hashPassword(patch.password);
  if (Object.keys(set).length > 0) await db.update(users).set(set).where(eq(users.id, id));
  if (patch.disabled === true || patch.password !== undefined) {
    await db
      .delete(sessions)
      .where(keepSessionId ? and(eq(sessions.userId, id), ne(sessions.id, keepSessionId)) : eq(sessions.userId, id));
  }
  return (await findUser(db, { id })) as PublicUser;
}

export type LoginResult =
  | { ok: true; user: PublicUser; session: { id: string; csrfToken: string; expiresAt: Date } }
  | { ok: false; reason: 'unknown_user' | 'wrong_password' | 'disabled'; userId: number | null };

/** Checks the password and opens a session. The reason is for the audit log, not the client. */
export async function login(
  db: Db,
  credentials: { username: string; password: string },
  now: Date = new Date(),
): Promise<LoginResult> {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.username, credentials.username));
  if (!row) {
    await burnVerify(credentials.password);
    return { ok: false, reason: 'unknown_user', userId: null };
  }
  if (!(await verifyPassword(row.passwordHash, credentials.password)))
    return { ok: false, reason: 'wrong_password', userId: row.id };
  if (row.disabled) return { ok: false, reason: 'disabled', userId: row.id };
  const { passwordHash: _, ...user } = row;
  // Expired rows are never read again; logins are a cheap, regular moment to drop them.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  const session = {
    id: randomToken(),
    csrfToken: randomToken(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  };
  await db.insert(sessions).values({ ...session, userId: row.id });
  return { ok: true, user: toPublic(user), session };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export type AuditEntry = {
  userId: number | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
};

export async function audit(db: Db, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: e.userId,
    action: e.action,
    target: e.target ?? null,
    details: e.details ?? null,
    ip: e.ip ?? null,
  });
}

/**
 * First start: with no user at all nobody could log in, so create `admin` with ADMIN_PASSWORD or
 * a generated password that the caller prints once. Never touches an existing user table.
 */
export async function ensureAdmin(db: Db): Promise<{ created: boolean; password?: string }> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (Number(n) > 0) return { created: false };
  const given = process.env.ADMIN_PASSWORD;
  const password = given || generatePassword();
  try {
    const user = await createUser(db, {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      password,
    });
    await audit(db, {
      userId: null,
      action: 'system.admin_bootstrap',
      target: `user:${user.id}`,
      details: { username: 'admin' },
    });
  } catch (e) {
    // Two servers starting on one database at once: the other one created it.
    if (e instanceof AuthError && e.code === 'conflict') return { created: false };
    throw e;
  }
  return given ? { created: true } : { created: true, password };
}

/** Failed-login limits; each has a setting (README, "Limits and safety"). */
export function loginLimits() {
  const int = (name: string, fallback: number) => {
    const v = Number(process.env[name]);
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    perUserAndIp: int('LOGIN_MAX_FAILURES_PER_USER', 5),
    perIp: int('LOGIN_MAX_FAILURES_PER_IP', 30),
    windowMs: int('LOGIN_WINDOW_MINUTES', 15) * 60_000,
  };
}

export type LoginAttempt = { ip: string; username: string };

/**
 * Books a login attempt as a failure before the password is checked, then counts: the failures
 * of this username from this address, and of every username from this address (spraying many
 * usernames). Booking first means parallel guesses cannot all slip under the limit. Over a limit,
 * the booking is taken back and the caller waits `retryAfterMs`; `scope` says which limit.
 * A successful login clears its username's failures from that address (clearLoginFailures).
 */
export async function bookLoginAttempt(
  db: Db,
  attempt: LoginAttempt,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; retryAfterMs: number; scope: 'user' | 'ip' }> {
  const { perUserAndIp, perIp, windowMs } = loginLimits();
  const since = new Date(now.getTime() - windowMs);
  const ip = attempt.ip.slice(0, 64);
  const username = attempt.username.toLowerCase().slice(0, 64);
  await db.delete(loginFailures).where(lt(loginFailures.at, since));
  const [booked] = await db.insert(loginFailures).values({ ip, username, at: now }).returning({ id: loginFailures.id });
  // The newest first, one more than the limit: if that many exist, the limit is reached, and the
  // limit-th previous failure is the one whose expiry lets the next attempt in.
  const recent = (user: boolean, limit: number) =>
    db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(
        and(
          eq(loginFailures.ip, ip),
          gt(loginFailures.at, since),
          user ? eq(loginFailures.username, username) : undefined,
        ),
      )
      .orderBy(desc(loginFailures.at), desc(loginFailures.id))
      .limit(limit + 1);
  const [byUser, byIp] = await Promise.all([recent(true, perUserAndIp), recent(false, perIp)]);
  const waits: { ms: number; scope: 'user' | 'ip' }[] = [];
  if (byUser.length > perUserAndIp)
    waits.push({ ms: byUser[perUserAndIp].at.getTime() + windowMs - now.getTime(), scope: 'user' });
  if (byIp.length > perIp) waits.push({ ms: byIp[perIp].at.getTime() + windowMs - now.getTime(), scope: 'ip' });
  if (waits.length === 0) return { ok: true };
  await db.delete(loginFailures).where(eq(loginFailures.id, booked.id));
  const longest = waits.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { ok: false, retryAfterMs: Math.max(1000, longest.ms), scope: longest.scope };
}

export async function clearLoginFailures(db: Db, attempt: LoginAttempt): Promise<void> {
  await db
    .delete(loginFailures)
    .where(
      and(
        eq(loginFailures.ip, attempt.ip.slice(0, 64)),
        eq(loginFailures.username, attempt.username.toLowerCase().slice(0, 64)),
      ),
    );
}
