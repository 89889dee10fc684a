// What a new password must be (issue 13): long enough in characters, not blank, no control
// characters, not a common password or one with only digits or symbols added, and not built
// on the username. Checked where a person sets a password (users API, `npm run user`), not at
// login: an existing password still logs in.
import common from '../../data/common-passwords.json';

export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 256;

const COMMON: ReadonlySet<string> = new Set(common.passwords);

// C0/C1 controls (NUL, line breaks, DEL…) and lone surrogates, which no keyboard types.
const CONTROL = /[\p{Cc}\p{Cs}]/u;
// What people tack onto a common word: password12, woaini1314!, qwerty@2024.
const TRAILING_DIGITS_SYMBOLS = /[^\p{L}]+$/u;

/** The reason a password is refused, Chinese first then English; null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  // Characters as people count them (code points), not UTF-16 units or bytes.
  const chars = [...password].length;
  if (chars < PASSWORD_MIN_CHARS)
    return `密码至少 ${PASSWORD_MIN_CHARS} 个字符（password must have at least ${PASSWORD_MIN_CHARS} characters）`;
  if (chars > PASSWORD_MAX_CHARS)
    return `密码最多 ${PASSWORD_MAX_CHARS} 个字符（password must have at most ${PASSWORD_MAX_CHARS} characters）`;
  if (CONTROL.test(password))
    return '密码不能含控制字符，如 NUL 或换行（password must not contain control characters such as NUL or line breaks）';
  if (password.trim() === '') return '密码不能只有空白（password must not be only spaces）';
  const lower = password.toLowerCase();
  const stem = lower.replace(TRAILING_DIGITS_SYMBOLS, '');
  if (COMMON.has(lower) || (stem !== '' && COMMON.has(stem)))
    return '密码太常见，容易被猜中（password is too common and easy to guess）';
  const name = username?.toLowerCase();
  if (name && name.length >= 3 && lower.includes(name))
    return '密码不能包含用户名（password must not contain the username）';
  return null;
}
