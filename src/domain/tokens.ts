// Secrets handed to clients (session tokens, later API tokens). Only their
// SHA-256 is stored, so a copy of the database opens no session.
import { hash, randomFillSync } from 'node:crypto';

// A token's random bytes come from a pool refilled 4 KiB at a time, as ids'
// do (and as node's own randomUUID does): randomBytes builds a job object
// for every call, about 2 µs, and in a sign-in storm, with the hashing
// threads evicting its state from the cache, it was 3 % of the main
// thread. Each byte is used once and wiped from the pool as it is taken.
const pool = Buffer.alloc(4096);
let used = pool.length;
const tokenBytes = 32;

export function newSecretToken(prefix = ''): string {
  if (used + tokenBytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString('base64url', used, used + tokenBytes);
  pool.fill(0, used, used + tokenBytes);
  used += tokenBytes;
  return prefix + token;
}

/** Hex SHA-256. The one-shot crypto.hash skips createHash's object: every authenticated request hashes its token. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}
