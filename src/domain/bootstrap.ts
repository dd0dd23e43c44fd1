// First start (SPEC §3.1): the `Default` organization and the one site admin.
// Safe when several instances start together: the unique indexes let exactly
// one insert win, and the others see an already-bootstrapped database.
import { isUniqueViolation } from '../db/dialects.js';
import { addMemberships, defaultOrgs, insertOrg } from '../db/queries/orgs.js';
import { clearThrottle } from '../db/queries/login-throttle.js';
import { deleteApiTokensOf, deleteSessionsOf } from '../db/queries/sessions.js';
import { insertUser, siteAdmin, updateUser } from '../db/queries/users.js';
import { recordAudit, secretMask } from './audit.js';
import type { Ctx } from './context.js';
import { newId } from './ids.js';
import { generateTemporaryPassword, hashPassword, passwordProblems } from './passwords.js';

export const adminUsername = 'admin';

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Only when Roster generated it; never when the operator supplied one. */
  temporaryPassword?: string;
}

export async function bootstrap(ctx: Ctx): Promise<BootstrapResult> {
  if (await siteAdmin(ctx.db.kysely)) return { created: false };
  const supplied = ctx.config.adminPassword;
  const problem = supplied ? passwordProblems(supplied, { email: ctx.config.adminEmail, username: adminUsername })[0] : undefined;
  if (problem) throw new Error(`ROSTER_ADMIN_PASSWORD is not acceptable: ${problem.detail}`);
  const temporaryPassword = supplied ? undefined : generateTemporaryPassword();
  const passwordHash = await hashPassword(supplied ?? temporaryPassword!);
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const now = ctx.now();
      let orgs = await defaultOrgs(trx);
      if (orgs.length === 0) {
        const org = { id: newId(now), name: 'Default', description: 'Every new user joins this organization unless told otherwise.', is_default: 1, default_role: 'org-member' as const, created_at: now, updated_at: now };
        await insertOrg(trx, org);
        orgs = [org];
        await recordAudit(trx, ctx, { action: 'create', resourceType: 'org', target: { id: org.id, name: org.name } });
      }
      const id = newId(now);
      await insertUser(trx, {
        id, username: adminUsername, email: ctx.config.adminEmail, name: 'Site Admin',
        login_type: 'built-in', site_role: 'site-admin', status: 'active', suspended_reason: null, suspended_until: null,
        // A generated password is temporary; one the operator chose is theirs.
        must_change_password: temporaryPassword ? 1 : 0, password_hash: passwordHash,
        password_expires_at: temporaryPassword ? now + ctx.config.temporaryPasswordLifetime * 1000 : null,
        oidc_issuer: null, oidc_subject: null, created_at: now, updated_at: now, last_seen_at: null, deleted_at: null,
      });
      await addMemberships(trx, id, orgs.map((o) => ({ id: o.id, role: 'org-manager' as const })), now);
      await recordAudit(trx, ctx, {
        action: 'create', resourceType: 'user', target: { id, name: adminUsername },
        reason: 'first start', diff: { siteRole: [null, 'site-admin'], email: [null, ctx.config.adminEmail], password: [null, secretMask] },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { created: false }; // another instance won the race
    throw error;
  }
  return { created: true, email: ctx.config.adminEmail, temporaryPassword };
}

/** `roster reset-admin-password`: a new temporary password; the admin's sessions and tokens end. */
export async function resetAdminPassword(ctx: Ctx): Promise<{ email: string; temporaryPassword: string }> {
  const admin = await siteAdmin(ctx.db.kysely);
  if (!admin) throw new Error('There is no site admin yet: start the server once to create it.');
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const now = ctx.now();
    await updateUser(trx, admin.id, {
      password_hash: passwordHash, must_change_password: 1, updated_at: now,
      password_expires_at: now + ctx.config.temporaryPasswordLifetime * 1000,
      // The operator at the console is recovering access: a suspension cannot stand in the way.
      status: 'active', suspended_reason: null, suspended_until: null,
    });
    await deleteSessionsOf(trx, admin.id);
    await deleteApiTokensOf(trx, admin.id);
    await clearThrottle(trx, `account:${admin.id}`);
    await recordAudit(trx, ctx, {
      action: 'password_reset', resourceType: 'user', target: { id: admin.id, name: admin.username },
      reason: 'roster reset-admin-password', diff: { password: [secretMask, secretMask], mustChangePassword: [admin.must_change_password === 1, true] },
    });
  });
  return { email: admin.email, temporaryPassword };
}
