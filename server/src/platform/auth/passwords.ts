import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.js';

export const PASSWORD_MIN = 10;
const OPTS = { algorithm: 2 /* Argon2id */ as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** At least PASSWORD_MIN characters with letters and digits; `field` names the input in the 422. */
export function checkPasswordPolicy(pw: unknown, field = 'password'): string {
  if (typeof pw !== 'string' || [...pw].length < PASSWORD_MIN || pw.length > 256 || !/[A-Za-z]/.test(pw) || !/\d/.test(pw)) {
    throw new AppError(422, 'error.validation', {}, [{ field, code: 'auth.passwordPolicy', params: { min: PASSWORD_MIN } }]);
  }
  return pw;
}

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, OPTS);
}

// Verifying against a fixed hash when the user does not exist keeps the response time the same.
let dummy: string | null = null;
export async function verifyPassword(stored: string | null | undefined, pw: string): Promise<boolean> {
  dummy ??= await hash('not-a-real-password-0', OPTS);
  try {
    return await verify(stored ?? dummy, pw) && !!stored;
  } catch {
    return false;
  }
}
