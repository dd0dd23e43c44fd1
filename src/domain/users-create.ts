// Manage > Users > New User (SPEC §1.2).
import { sql, type Transaction } from 'kysely';
import { addMemberships, defaultOrgs, orgsByIdsOrNames } from '../db/queries/orgs.js';
import { insertUser, userByEmail, userById, userByUsername } from '../db/queries/users.js';
import { isUniqueViolation } from '../db/dialects.js';
import type { Database, LoginType, NewUserRow, SiteRole } from '../db/schema.js';
import { diffOf, recordAudit } from './audit.js';
import type { Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { mutate } from './mutation.js';
import { generateTemporaryPassword, hashPassword } from './passwords.js';
import { mayAssign } from './permissions.js';
import { apiUser, requireActor } from './user-access.js';
import { auditShape, type ApiUser } from './user-view.js';
import { deriveUsername, usernameProblem } from './usernames.js';

export interface NewUserInput {
  email: string;
  name?: string;
  username?: string;
  loginType: LoginType;
  organizations?: string[];
  siteRole?: SiteRole;
}

/** The organizations a new user joins: the ones named, or every default one. */
export async function resolveNewUserOrgs(executor: Executor, refs: string[] | undefined) {
  if (!refs || refs.length === 0) return (await defaultOrgs(executor)).map((o) => ({ id: o.id, role: o.default_role }));
  const found = await orgsByIdsOrNames(executor, refs);
  const missing = refs.filter((r) => !found.some((o) => o.id === r || o.name.toLowerCase() === r.toLowerCase()));
  if (missing.length) {
    fail('VALIDATION_FAILED', `Unknown organization: ${missing.join(', ')}.`, missing.map((m) => ({ field: 'organizations', detail: `No organization "${m}".` })));
  }
  return found.map((o) => ({ id: o.id, role: o.default_role }));
}

export async function assertEmailFree(executor: Executor, email: string, exceptId?: string): Promise<void> {
  const owner = await userByEmail(executor, email);
  if (owner && owner.id !== exceptId) {
    fail('EMAIL_TAKEN', 'Another user already has this email.', [{ field: 'email', detail: 'Already in use.' }]);
  }
}

export async function assertUsernameFree(executor: Executor, username: string, exceptId?: string): Promise<void> {
  const problem = usernameProblem(username);
  if (problem) fail('VALIDATION_FAILED', `Invalid username: ${problem}`, [{ field: 'username', detail: problem }]);
  const owner = await userByUsername(executor, username);
  if (owner && owner.id !== exceptId) {
    fail('USERNAME_TAKEN', 'Another user already has this username.', [{ field: 'username', detail: 'Already in use.' }]);
  }
}

/** Maps a unique-index race (two creates at once) to the same 409 a check would give. */
export function conflictFromRace(error: unknown): never {
  if (isUniqueViolation(error)) {
    const text = String((error as Error).message);
    if (text.includes('email')) fail('EMAIL_TAKEN', 'Another user already has this email.', [{ field: 'email', detail: 'Already in use.' }]);
    fail('USERNAME_TAKEN', 'Another user already has this username.', [{ field: 'username', detail: 'Already in use.' }]);
  }
  throw error;
}

/**
 * Inserts the new user and returns the username it got. A derived username
 * can lose a race with a concurrent create (another instance on PostgreSQL):
 * derive the next one rather than answer 409 to a request that named no
 * username. The savepoint keeps the transaction usable after the failure.
 */
async function insertNewUser(trx: Transaction<Database>, row: NewUserRow, derived: boolean): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    await sql`savepoint new_user`.execute(trx);
    try {
      await insertUser(trx, row);
      return row.username;
    } catch (error) {
      await sql`rollback to savepoint new_user`.execute(trx);
      const lostRace = derived && isUniqueViolation(error) && (await userByUsername(trx, row.username)) !== undefined;
      // Each lost race means another user was committed; the bound is only a backstop.
      if (!lostRace || attempt === 20) conflictFromRace(error);
      const username = await deriveUsername(trx, row.email);
      row = { ...row, username, name: row.name === row.username ? username : row.name };
    }
  }
}

export async function createUser(ctx: Ctx, input: NewUserInput): Promise<{ user: ApiUser; temporaryPassword?: string }> {
  const actor = requireActor(ctx);
  const siteRole = input.siteRole ?? 'member';
  // Hash before the transaction: a write lock is never held across argon2.
  const temporaryPassword = input.loginType === 'built-in' ? generateTemporaryPassword() : undefined;
  const passwordHash = temporaryPassword ? await hashPassword(temporaryPassword) : null;

  const user = await mutate(ctx, { action: 'create', resourceType: 'user', targetName: input.email }, async (trx) => {
    if (!mayAssign(actor.role, siteRole)) fail('FORBIDDEN', `You cannot grant the ${siteRole} role.`, [{ field: 'siteRole', detail: 'Not a role you may grant.' }]);
    await assertEmailFree(trx, input.email);
    if (input.username) await assertUsernameFree(trx, input.username);
    const derived = input.username === undefined;
    const username = input.username ?? (await deriveUsername(trx, input.email));
    const orgs = await resolveNewUserOrgs(trx, input.organizations);
    const now = ctx.now();
    const id = newId(now);
    const row: NewUserRow = {
      id, username, email: input.email, name: input.name?.trim() || username,
      login_type: input.loginType, site_role: siteRole, status: 'active',
      suspended_reason: null, suspended_until: null,
      must_change_password: temporaryPassword ? 1 : 0,
      password_hash: passwordHash,
      password_expires_at: temporaryPassword ? now + ctx.config.temporaryPasswordLifetime * 1000 : null,
      oidc_issuer: null, oidc_subject: null,
      created_at: now, updated_at: now, last_seen_at: null, deleted_at: null,
    };
    const finalUsername = await insertNewUser(trx, row, derived);
    await addMemberships(trx, id, orgs, now);
    const created = await apiUser(trx, ctx, (await userById(trx, id))!);
    const after = { ...auditShape(created), ...(temporaryPassword ? { password: 'set' } : {}) };
    await recordAudit(trx, ctx, { action: 'create', resourceType: 'user', target: { id, name: finalUsername }, diff: diffOf('user', null, after) });
    return created;
  });
  return temporaryPassword ? { user, temporaryPassword } : { user };
}
