import type { Executor } from '../../domain/context.js';
import type { LoginThrottleTable } from '../schema.js';

export function throttleRows(executor: Executor, keys: string[]): Promise<LoginThrottleTable[]> {
  return executor.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

export async function saveThrottle(executor: Executor, row: LoginThrottleTable): Promise<void> {
  await executor.insertInto('login_throttle').values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }))
    .execute();
}

export async function clearThrottle(executor: Executor, key: string): Promise<void> {
  await executor.deleteFrom('login_throttle').where('key', '=', key).execute();
}
