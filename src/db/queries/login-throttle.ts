import type { Executor } from '../../domain/context.js';
import { hotQuery } from '../hot-query.js';
import type { LoginThrottleTable } from '../schema.js';

// Every password sign-in reads its account's and its address's counts: compiled once (src/db/hot-query.ts).
const throttleRowsOfOne = hotQuery((executor: Executor, key: string) => executor.selectFrom('login_throttle').selectAll().where('key', '=', key));
const throttleRowsOfTwo = hotQuery((executor: Executor, first: string, second: string) => executor.selectFrom('login_throttle').selectAll()
  .where('key', 'in', [first, second]));

/** The counts kept under these keys: an account's, and its client address's when known. */
export function throttleRows(executor: Executor, keys: [string] | [string, string]): Promise<LoginThrottleTable[]> {
  return keys.length === 1 ? throttleRowsOfOne(executor, keys[0]) : throttleRowsOfTwo(executor, keys[0], keys[1]);
}

export async function saveThrottle(executor: Executor, row: LoginThrottleTable): Promise<void> {
  await executor.insertInto('login_throttle').values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }))
    .execute();
}

export async function clearThrottle(executor: Executor, key: string): Promise<void> {
  await executor.deleteFrom('login_throttle').where('key', '=', key).execute();
}
