import type { Executor } from '../../domain/context.js';
import type { ImageRow } from '../schema.js';

export function imagesOfOrg(executor: Executor, orgId: string): Promise<ImageRow[]> {
  return executor.selectFrom('images').selectAll().where('org_id', '=', orgId).orderBy('name').execute();
}

/** Every image of the organizations the user belongs to, with the organization's name. */
export function imagesForUser(executor: Executor, userId: string) {
  return executor.selectFrom('images')
    .innerJoin('org_members', 'org_members.org_id', 'images.org_id')
    .innerJoin('orgs', 'orgs.id', 'images.org_id')
    .selectAll('images')
    .select('orgs.name as org_name')
    .where('org_members.user_id', '=', userId)
    .orderBy('orgs.name').orderBy('images.name')
    .execute();
}

export function imageById(executor: Executor, id: string): Promise<ImageRow | undefined> {
  return executor.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
}

export function imageByName(executor: Executor, orgId: string, name: string): Promise<ImageRow | undefined> {
  return executor.selectFrom('images').selectAll().where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
}

export async function insertImage(executor: Executor, row: ImageRow): Promise<void> {
  await executor.insertInto('images').values(row).execute();
}

export async function updateImage(executor: Executor, id: string, changes: Partial<Omit<ImageRow, 'id' | 'org_id'>>): Promise<void> {
  await executor.updateTable('images').set(changes).where('id', '=', id).execute();
}

export async function deleteImage(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('images').where('id', '=', id).execute();
}

export async function deleteImagesOfOrg(executor: Executor, orgId: string): Promise<void> {
  await executor.deleteFrom('images').where('org_id', '=', orgId).execute();
}
