// Brute-force protection for password sign-in (SPEC §3.2): failures are
// counted per account and per client address; past a threshold each further
// failure locks for longer (30 s, 1 min, 2 min … up to 15 min). A locked
// sign-in is refused with 429 and Retry-After before any password is checked,
// so an attacker cannot even make the server hash.
import { clearThrottle, saveThrottle, throttleRows } from '../db/queries/login-throttle.js';
import type { LoginThrottleTable } from '../db/schema.js';
import type { Ctx } from './context.js';
import { AppError } from './errors.js';

const windowMs = 15 * 60_000;
const firstLockMs = 30_000;
const longestLockMs = 15 * 60_000;

export function throttleKeys(ctx: Ctx, account: string): { account: string; address: string | null } {
  return { account: `account:${account.toLowerCase()}`, address: ctx.client.ip ? `address:${ctx.client.ip}` : null };
}

export class LoginLocked extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds, or ask an administrator to unlock the account.`);
  }
}

function keyList(keys: { account: string; address: string | null }): [string] | [string, string] {
  return keys.address ? [keys.account, keys.address] : [keys.account];
}

/**
 * Refuses at once while the account or the address is locked. Otherwise
 * says whether the account has failures counted, which a success clears.
 */
export async function assertNotLocked(ctx: Ctx, keys: { account: string; address: string | null }): Promise<{ accountCounted: boolean }> {
  const now = ctx.now();
  const rows = await throttleRows(ctx.db.kysely, keyList(keys));
  const until = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
  if (until > now) throw new LoginLocked(Math.ceil((until - now) / 1000));
  return { accountCounted: rows.some((r) => r.key === keys.account) };
}

function next(row: LoginThrottleTable | undefined, key: string, threshold: number, now: number): LoginThrottleTable {
  const fresh = !row || now - row.window_started_at > windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const over = failures - threshold;
  const lockMs = over >= 0 ? Math.min(firstLockMs * 2 ** over, longestLockMs) : 0;
  return { key, failures, window_started_at: fresh ? now : row.window_started_at, locked_until: lockMs ? now + lockMs : null };
}

export async function recordFailure(ctx: Ctx, keys: { account: string; address: string | null }): Promise<void> {
  const now = ctx.now();
  const rows = await throttleRows(ctx.db.kysely, keyList(keys));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // An account is guessed at; an address may serve a whole office, so it gets more room.
  await saveThrottle(ctx.db.kysely, next(byKey.get(keys.account), keys.account, ctx.config.loginLockAfter, now));
  if (keys.address) await saveThrottle(ctx.db.kysely, next(byKey.get(keys.address), keys.address, ctx.config.loginLockAfterPerAddress, now));
}

/** A successful sign-in clears its account's count (the address's stays: others may be guessing from it). */
export async function recordSuccess(ctx: Ctx, keys: { account: string }): Promise<void> {
  await clearThrottle(ctx.db.kysely, keys.account);
}
