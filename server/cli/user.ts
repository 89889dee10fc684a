/**
 * npm run user -- add <name> --role analyst|leader|admin [--display-name 名字] [--password …]
 * npm run user -- passwd <name> [--password …]
 * npm run user -- disable <name> | enable <name>
 * npm run user -- list
 *
 * Uses the same database as the server (DATABASE_URL, else DATA_DIR or ./var/db). Without
 * --password a strong password is generated and printed once; a password typed on the command
 * line lands in the shell history. On the embedded database it is refused while the server runs
 * (PGlite cannot share its data directory): use the admin page (/admin, /api/users) then.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDb } from '../db/client';
import { acquireDataDirLock, DataDirBusyError } from '../db/lock';
import { passwordProblem } from '../domain/password-policy';
import { passwordSchema, usernameSchema } from '../routes/users';
import {
  AuthError,
  audit,
  createUser,
  findUser,
  generatePassword,
  listUsers,
  USER_ROLES,
  updateUser,
} from '../services/auth';

const usage = `用法 usage:
  npm run user -- add <name> --role ${USER_ROLES.join('|')} [--display-name <名字>] [--password <pw>]
  npm run user -- passwd <name> [--password <pw>]
  npm run user -- disable <name>
  npm run user -- enable <name>
  npm run user -- list`;

class UsageError extends Error {}

// An unknown or malformed option is a usage error, not a stack trace.
const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        'display-name': { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    process.exit(2);
  }
})();
const [command, name, ...extra] = positionals;
if (values.help || !command) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

function check<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

const roleSchema = z.enum(USER_ROLES, {
  message: `--role 须为 ${USER_ROLES.join('|')}（--role must be one of ${USER_ROLES.join(', ')}）`,
});

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ?? './var/db';

async function main(): Promise<number> {
  if (extra.length > 0) throw new UsageError(`多余的参数（unexpected arguments: ${extra.join(' ')}）`);
  if (!['list', 'add', 'passwd', 'disable', 'enable'].includes(command))
    throw new UsageError(`未知命令（unknown command: ${command}）\n${usage}`);
  if (command !== 'list' && !name) throw new UsageError('缺少用户名（missing user name）');
  // Arguments are checked before the database opens: a typo should not cost a migration.
  const role = command === 'add' ? check(roleSchema, values.role) : undefined;
  if (command === 'add') check(usernameSchema, name);
  const givenPassword = values.password === undefined ? undefined : check(passwordSchema, values.password);
  const problem = givenPassword === undefined ? null : passwordProblem(givenPassword, name);
  if (problem) throw new UsageError(problem);
  const password = givenPassword ?? generatePassword();
  if (!databaseUrl)
    acquireDataDirLock(dataDir, 'user', {
      hint: '请在管理页面 /admin 管理用户，或先停止服务器（manage users on the admin page /admin, or stop the server first）',
      releaseOnSignals: true,
    });
  const handle = await openDb({ databaseUrl, dataDir });
  try {
    await handle.migrate();
    const db = handle.db;
    const cliAudit = (action: string, userId: number, details?: Record<string, unknown>) =>
      audit(db, {
        userId: null,
        action: `cli.user.${action}`,
        target: `user:${userId}`,
        details: { username: name, ...details },
      });
    const existing = async () => {
      const u = await findUser(db, { username: name });
      if (!u) throw new UsageError(`没有用户 ${name}（no such user）`);
      return u;
    };

    switch (command) {
      case 'list': {
        const rows = await listUsers(db);
        if (rows.length === 0) console.log('（无用户 no users）');
        for (const u of rows)
          console.log(
            [
              String(u.id).padStart(4),
              u.username.padEnd(20),
              u.role.padEnd(8),
              u.disabled ? 'disabled' : 'active  ',
              u.displayName,
            ].join('  '),
          );
        return 0;
      }
      case 'add': {
        if (!role) throw new UsageError(usage);
        const displayName = (values['display-name'] ?? name).trim().slice(0, 64) || name;
        const user = await createUser(db, { username: name, displayName, role, password });
        await cliAudit('add', user.id, { role });
        console.log(`已创建 created user ${user.username} (id ${user.id}, ${role})`);
        if (!givenPassword) console.log(`初始密码（只显示这一次）password, shown once: ${password}`);
        return 0;
      }
      case 'passwd': {
        const u = await existing();
        await updateUser(db, u.id, { password });
        await cliAudit('passwd', u.id);
        console.log(`已重设密码，原有会话已结束 password changed for ${u.username}; their sessions are ended`);
        if (!givenPassword) console.log(`新密码（只显示这一次）new password, shown once: ${password}`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const u = await existing();
        await updateUser(db, u.id, { disabled: command === 'disable' });
        await cliAudit(command, u.id);
        console.log(`${command === 'disable' ? '已停用 disabled' : '已启用 enabled'} ${u.username}`);
        return 0;
      }
    }
    return 2;
  } finally {
    await handle.close();
  }
}

try {
  process.exitCode = await main();
} catch (e) {
  if (e instanceof UsageError || e instanceof AuthError || e instanceof DataDirBusyError) {
    console.error(e.message);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  } else throw e;
}
