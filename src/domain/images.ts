// Each organization's image catalogue (SPEC §4). A member sees exactly the
// images of their organizations: what the organization chosen at creation controls.
import { deleteImage, imageById, imageByName, imagesForUser, imagesOfOrg, insertImage, updateImage } from '../db/queries/images.js';
import type { ImageRow } from '../db/schema.js';
import { isUniqueViolation } from '../db/dialects.js';
import { diffOf, recordAudit } from './audit.js';
import type { Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { mutate } from './mutation.js';
import { assertMayManageContents, visibleOrg } from './org-access.js';
import { requireActor } from './user-access.js';
import { orgByIdOrName } from '../db/queries/orgs.js';
import { isoTime } from './iso-time.js';

export function toApiImage(row: ImageRow & { org_name?: string }) {
  return {
    id: row.id,
    orgId: row.org_id,
    ...(row.org_name === undefined ? {} : { orgName: row.org_name }),
    name: row.name,
    repository: row.repository,
    tag: row.tag,
    description: row.description,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

const auditShape = (row: ImageRow) => ({ name: row.name, repository: row.repository, tag: row.tag, description: row.description });

/** What the actor may use: the images of their own organizations. */
export async function imagesForActor(ctx: Ctx) {
  return (await imagesForUser(ctx.db.kysely, requireActor(ctx).id)).map(toApiImage);
}

export async function listOrgImages(ctx: Ctx, orgRef: string) {
  const org = await visibleOrg(ctx.db.kysely, ctx, orgRef);
  return (await imagesOfOrg(ctx.db.kysely, org.id)).map(toApiImage);
}

async function assertImageNameFree(executor: Executor, orgId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await imageByName(executor, orgId, name);
  if (existing && existing.id !== exceptId) fail('IMAGE_NAME_TAKEN', 'This organization already has an image with this name.', [{ field: 'name', detail: 'Already in use in this organization.' }]);
}

export interface ImageInput {
  name: string;
  repository: string;
  tag: string;
  description?: string;
}

export async function createImage(ctx: Ctx, orgRef: string, input: ImageInput) {
  return mutate(ctx, { action: 'create', resourceType: 'image', targetName: input.name }, async (trx) => {
    const org = await visibleOrg(trx, ctx, orgRef);
    await assertMayManageContents(trx, ctx, org, 'images');
    await assertImageNameFree(trx, org.id, input.name.trim());
    const now = ctx.now();
    const row: ImageRow = {
      id: newId(now), org_id: org.id, name: input.name.trim(), repository: input.repository.trim(), tag: input.tag.trim(),
      description: input.description?.trim() ?? '', created_at: now, updated_at: now,
    };
    try {
      await insertImage(trx, row);
    } catch (error) {
      if (isUniqueViolation(error)) fail('IMAGE_NAME_TAKEN', 'This organization already has an image with this name.', [{ field: 'name', detail: 'Already in use in this organization.' }]);
      throw error;
    }
    await recordAudit(trx, ctx, { action: 'create', resourceType: 'image', target: { id: row.id, name: `${org.name}/${row.name}` }, diff: diffOf('image', null, auditShape(row)) });
    return toApiImage(row);
  });
}

/** The image if the actor may see its organization; others are told it does not exist. */
async function visibleImage(executor: Executor, ctx: Ctx, id: string) {
  const image = await imageById(executor, id);
  const org = image ? await orgByIdOrName(executor, image.org_id) : undefined;
  if (!image || !org) return fail('IMAGE_NOT_FOUND', `No image "${id}".`);
  await visibleOrg(executor, ctx, org.id).catch(() => fail('IMAGE_NOT_FOUND', `No image "${id}".`));
  return { image, org };
}

export async function updateImageDetails(ctx: Ctx, id: string, patch: Partial<ImageInput>) {
  return mutate(ctx, { action: 'write', resourceType: 'image', targetName: id }, async (trx, note) => {
    const { image, org } = await visibleImage(trx, ctx, id);
    note.target = { id: image.id, name: `${org.name}/${image.name}` };
    await assertMayManageContents(trx, ctx, org, 'images');
    const changes: Partial<ImageRow> = {};
    for (const key of ['name', 'repository', 'tag', 'description'] as const) {
      if (patch[key] !== undefined && patch[key]!.trim() !== image[key]) changes[key] = patch[key]!.trim();
    }
    if (changes.name) await assertImageNameFree(trx, org.id, changes.name, image.id);
    if (Object.keys(changes).length === 0) return toApiImage(image);
    const after = { ...image, ...changes, updated_at: ctx.now() };
    await updateImage(trx, image.id, { ...changes, updated_at: after.updated_at });
    await recordAudit(trx, ctx, { action: 'write', resourceType: 'image', target: { id: image.id, name: `${org.name}/${after.name}` }, diff: diffOf('image', auditShape(image), auditShape(after)) });
    return toApiImage(after);
  });
}

export async function removeImage(ctx: Ctx, id: string): Promise<void> {
  await mutate(ctx, { action: 'delete', resourceType: 'image', targetName: id }, async (trx, note) => {
    const { image, org } = await visibleImage(trx, ctx, id);
    note.target = { id: image.id, name: `${org.name}/${image.name}` };
    await assertMayManageContents(trx, ctx, org, 'images');
    await deleteImage(trx, image.id);
    await recordAudit(trx, ctx, { action: 'delete', resourceType: 'image', target: note.target, diff: diffOf('image', auditShape(image), null) });
  });
}
