// API tokens (SPEC §3.4): named, shown once, stored hashed, with a lifetime
// capped by ROSTER_MAX_TOKEN_LIFETIME. A token acts with its owner's current
// permissions and dies with the owner's suspension, deletion or password reset.
import { deleteToken, insertToken, tokenActorByHash, tokenOf, tokensOf, touchTokenUse } from '../db/queries/api-tokens.js';
import { isUniqueViolation } from '../db/dialects.js';
import { recordAudit } from './audit.js';
import type { Actor, Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { mutate } from './mutation.js';
import { can } from './permissions.js';
import { hashToken, newSecretToken } from './tokens.js';
import { requireActor, visibleUser } from './user-access.js';
import { isSuspendedAt } from './user-view.js';
import { isoTime, isoTimeOrNull } from './iso-time.js';

/** Tells API tokens from session tokens at a glance, in logs of scripts and in secret scanners. */
export const apiTokenPrefix = 'roster_';

export async function actorFromApiToken(ctx: Ctx, token: string): Promise<Actor | null> {
  const row = await tokenActorByHash(ctx.db.kysely, hashToken(token));
  const now = ctx.now();
  if (!row || (row.expires_at !== null && row.expires_at <= now) || isSuspendedAt(row, now)) return null;
  if (row.last_used_at === null || row.last_used_at < now - 60_000) await touchTokenUse(ctx.db.kysely, row.token_id, now);
  return {
    id: row.user_id, email: row.email, username: row.username, role: row.site_role,
    credential: 'token', sessionId: row.token_id, mustChangePassword: row.must_change_password === 1,
  };
}

/** Your own tokens, or anyone's for the site admin; others' are refused like missing users. */
async function tokenOwner(ctx: Ctx, executor: Executor, ref: string) {
  const actor = requireActor(ctx);
  const owner = await visibleUser(executor, ctx, ref);
  if (owner.id !== actor.id && !can(actor.role, 'token.manage.any')) fail('FORBIDDEN', 'Only the site admin manages other users\' API tokens.');
  return owner;
}

export async function listTokens(ctx: Ctx, userRef: string) {
  const owner = await tokenOwner(ctx, ctx.db.kysely, userRef);
  return (await tokensOf(ctx.db.kysely, owner.id)).map((t) => ({
    id: t.id, name: t.name, createdAt: isoTime(t.created_at), lastUsedAt: isoTimeOrNull(t.last_used_at), expiresAt: isoTimeOrNull(t.expires_at),
  }));
}

export async function createToken(ctx: Ctx, userRef: string, input: { name: string; lifetimeSeconds?: number }) {
  const max = ctx.config.maxTokenLifetime;
  if (input.lifetimeSeconds !== undefined && input.lifetimeSeconds > max) {
    fail('VALIDATION_FAILED', `A token may live at most ${Math.floor(max / 86400)} days here.`, [{ field: 'lifetimeSeconds', detail: `At most ${max} seconds.` }]);
  }
  const token = newSecretToken(apiTokenPrefix);
  return mutate(ctx, { action: 'create', resourceType: 'api_token', targetName: input.name }, async (trx, note) => {
    const owner = await tokenOwner(ctx, trx, userRef);
    const name = input.name.trim();
    note.target = { id: null, name: `${owner.username}/${name}` };
    const now = ctx.now();
    const id = newId(now);
    const expiresAt = now + (input.lifetimeSeconds ?? max) * 1000;
    try {
      await insertToken(trx, { id, user_id: owner.id, name, token_hash: hashToken(token), created_at: now, last_used_at: null, expires_at: expiresAt });
    } catch (error) {
      if (isUniqueViolation(error)) fail('TOKEN_NAME_TAKEN', `There is already a token named "${name}".`, [{ field: 'name', detail: 'Already in use.' }]);
      throw error;
    }
    await recordAudit(trx, ctx, {
      action: 'create', resourceType: 'api_token', target: { id, name: `${owner.username}/${name}` },
      diff: { name: [null, name], expiresAt: [null, isoTime(expiresAt)], token: [null, '******'] },
    });
    return { token, id, name, expiresAt: isoTime(expiresAt) };
  });
}

export async function deleteTokenOf(ctx: Ctx, userRef: string, tokenRef: string): Promise<void> {
  await mutate(ctx, { action: 'delete', resourceType: 'api_token', targetName: tokenRef }, async (trx, note) => {
    const owner = await tokenOwner(ctx, trx, userRef);
    const token = (await tokenOf(trx, owner.id, tokenRef)) ?? fail('NOT_FOUND', `No token "${tokenRef}".`);
    note.target = { id: token.id, name: `${owner.username}/${token.name}` };
    await deleteToken(trx, token.id);
    await recordAudit(trx, ctx, { action: 'delete', resourceType: 'api_token', target: note.target });
  });
}
