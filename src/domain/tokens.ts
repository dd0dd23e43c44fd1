// Secrets handed to clients (session tokens, later API tokens). Only their
// SHA-256 is stored, so a copy of the database opens no session.
import { createHash, randomBytes } from 'node:crypto';

export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
