// Random bearer secrets (session cookies, API tokens). Only their SHA-256 is stored, so a
// database leak does not hand out live sessions.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const apiTokenPrefix = 'rk_';
