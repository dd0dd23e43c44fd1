import type { Executor } from '../../domain/context.js';

export async function readSetting(executor: Executor, key: string): Promise<string | undefined> {
  return (await executor.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(executor: Executor, key: string, value: string, now: number): Promise<void> {
  await executor.insertInto('settings').values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
