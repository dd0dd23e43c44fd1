// Password hashing, temporary passwords and the password policy (SPEC §1.2–1.3, §3.2).
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hash } from '@node-rs/argon2';
import type { FieldProblem } from './errors.js';
import { withHashSlot, type HashClient } from './hash-queue.js';
import { hashAlgorithmName, parsePasswordHash, verifyParsedHash, type ParsedHash } from './legacy-hashes.js';

// OWASP's argon2id minimum. The async calls run on libuv's thread pool, so
// hashing never blocks the event loop.
const argon2Options = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, argon2Options));
}

/** Roster's own argon2id with today's parameters; anything else is replaced at the next successful sign-in. */
function isCurrent(parsed: ParsedHash): boolean {
  return parsed.kind === 'argon2' && parsed.variant === 'argon2id' && parsed.version === 19 &&
    parsed.m === argon2Options.memoryCost && parsed.t === argon2Options.timeCost && parsed.p === argon2Options.parallelism &&
    parsed.saltBytes >= 16 && parsed.hashBytes >= 32;
}

export interface PasswordCheck {
  ok: boolean;
  /** The password was right but the stored hash is not Roster's current argon2id: store hashPassword(password). */
  needsRehash: boolean;
  /** The stored hash's algorithm (for an audit note), when it could be read. */
  algorithm?: string;
}

/**
 * Checks a password against a stored hash: Roster's argon2id, or an imported
 * one (legacy-hashes.ts), in one hashing slot either way. A stored hash that
 * cannot be read, or whose costs are out of bounds, fails like a wrong
 * password, after costing what a wrong password costs.
 */
export async function checkPassword(storedHash: string, password: string, client?: HashClient): Promise<PasswordCheck> {
  const parsed = parsePasswordHash(storedHash);
  if (!parsed) return { ok: await verifyAgainstDummy(password, client), needsRehash: false };
  const ok = await withHashSlot(() => verifyParsedHash(parsed, storedHash, password), client);
  return { ok, needsRehash: ok && !isCurrent(parsed), algorithm: hashAlgorithmName(parsed) };
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return (await checkPassword(storedHash, password)).ok;
}

// Unknown logins are checked against this hash, so they cost what a wrong
// password costs and the two cannot be told apart by timing.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string, client?: HashClient): Promise<false> {
  await checkPassword(await prepareDummyHash(), password, client);
  return false;
}

/** Made at start-up, so not even the first unknown login is slower than the rest. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('roster-dummy-password-for-timing');
  return dummyHash;
}

// No look-alike characters (0/O, 1/l/I), so a password read aloud or copied
// by hand survives. randomInt rejects out-of-range draws: no modulo bias.
const temporaryAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const temporaryPasswordLength = 20;

export function generateTemporaryPassword(): string {
  let out = '';
  for (let i = 0; i < temporaryPasswordLength; i++) out += temporaryAlphabet[randomInt(temporaryAlphabet.length)];
  return out;
}

let commonPasswords: Set<string> | undefined;
function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('../../assets/common-passwords.txt', import.meta.url), 'utf8').split('\n').filter(Boolean),
  );
  return commonPasswords.has(password.toLowerCase());
}

export const passwordLength = { min: 8, max: 256 } as const;

/** NIST SP 800-63B: length only, no composition rules, not guessable from the account, not common. */
export function passwordProblems(password: string, account: { email: string; username: string }, field = 'newPassword'): FieldProblem[] {
  const length = [...password].length;
  const lower = password.toLowerCase();
  const problem = (detail: string) => [{ field, detail }];
  if (length < passwordLength.min) return problem(`Must be at least ${passwordLength.min} characters.`);
  if (length > passwordLength.max) return problem(`Must be at most ${passwordLength.max} characters.`);
  if (lower === account.email.toLowerCase() || lower === account.username.toLowerCase()) {
    return problem('Must not be your email or username.');
  }
  if (isCommon(password)) return problem('Is too common; choose something less guessable.');
  return [];
}
