import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog, sessions, users } from '../db/schema';
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

/**
 * In-memory limiter for failed logins per key (username + IP) in a sliding window. One process
 * only: with several API processes each keeps its own count, which still bounds guessing.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  now: () => number;
  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60 * 1000,
    now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {
    this.now = now;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.maxFailures) return 0;
    return list[list.length - this.maxFailures] + this.windowMs - this.now();
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list.slice(-this.maxFailures));
    if (this.failures.size > this.maxKeys) this.prune();
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  // A spray of distinct usernames must not grow the map without bound.
  private prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
    const excess = this.failures.size - this.maxKeys;
    if (excess > 0) for (const key of [...this.failures.keys()].slice(0, excess)) this.failures.delete(key);
  }
}

// Keyed by database so that each API instance (tests build several per process) counts alone.
const limiters = new WeakMap<object, LoginLimiter>();
export function loginLimiterFor(db: Db): LoginLimiter {
  let l = limiters.get(db);
  if (!l) {
    l = new LoginLimiter();
    limiters.set(db, l);
  }
  return l;
}
