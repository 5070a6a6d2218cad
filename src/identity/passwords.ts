// Password hashing with argon2id (OWASP-recommended parameters). Verification of an unknown
// user still spends the same time, so response timing does not reveal which names exist.
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../platform/errors.ts';

// algorithm 2 is Argon2id (the package's Algorithm is an ambient const enum, which
// verbatimModuleSyntax cannot import).
const argon2id = 2;
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const minPasswordLength = 10;

/** Rejects passwords too weak to protect a government account. */
export function checkPasswordStrength(password: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) =>
    re.test(password),
  ).length;
  if (password.length < minPasswordLength || classes < 3) {
    throw new AppError('invalid', {
      code: 'PASSWORD_WEAK',
      messageZh: `密码至少 ${minPasswordLength} 位，且包含大写字母、小写字母、数字、符号中的至少三类`,
      messageEn: `a password needs at least ${minPasswordLength} characters from at least three of: upper case, lower case, digits, symbols`,
      location: { field: 'password' },
    });
  }
  if (password.length > 256) {
    throw new AppError('invalid', {
      code: 'PASSWORD_TOO_LONG',
      messageZh: '密码不能超过 256 个字符',
      messageEn: 'a password may not exceed 256 characters',
      location: { field: 'password' },
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

let dummyHash: Promise<string> | undefined;

/** Verifies a password; with no stored hash it verifies against a dummy and returns false. */
export async function verifyPassword(
  stored: string | undefined,
  password: string,
): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash('reclaim-dummy-password', options);
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
