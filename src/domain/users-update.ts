// PATCH /api/v1/users/{user}: profile fields, site role and auth type.
import { deleteApiTokensOf, deleteSessionsOf } from '../db/queries/sessions.js';
import { updateUser, userById } from '../db/queries/users.js';
import type { LoginType, SiteRole, UserUpdate } from '../db/schema.js';
import { diffOf, recordAudit } from './audit.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { mutate } from './mutation.js';
import { effectiveAuthSettings } from './oidc/settings.js';
import { generateTemporaryPassword, hashPassword } from './passwords.js';
import { can, mayAssign } from './permissions.js';
import { apiUser, assertMayManage, requireActor, visibleUser } from './user-access.js';
import { auditShape, type ApiUser } from './user-view.js';
import { assertEmailFree, assertUsernameFree, conflictFromRace } from './users-create.js';

export interface UserPatch {
  name?: string;
  email?: string;
  username?: string;
  siteRole?: SiteRole;
  loginType?: LoginType;
}

export async function updateUserProfile(ctx: Ctx, ref: string, patch: UserPatch): Promise<{ user: ApiUser; temporaryPassword?: string }> {
  const actor = requireActor(ctx);
  // Hashing happens before the transaction; it is thrown away if refused.
  const temporaryPassword = patch.loginType === 'built-in' ? generateTemporaryPassword() : undefined;
  const temporaryHash = temporaryPassword ? await hashPassword(temporaryPassword) : null;
  let issuedPassword = false;

  const user = await mutate(ctx, { action: 'write', resourceType: 'user', targetName: ref }, async (trx, note) => {
    const target = await visibleUser(trx, ctx, ref);
    note.target = { id: target.id, name: target.username };
    const self = target.id === actor.id;
    if (!self) {
      if (!can(actor.role, 'user.update')) fail('FORBIDDEN', 'You may only edit your own account.');
      assertMayManage(actor, target, 'edit');
    }
    // Your own email is changed by a manager: it is how OIDC accounts are matched.
    if (self && patch.email !== undefined && patch.email.toLowerCase() !== target.email.toLowerCase() && !can(actor.role, 'user.update')) {
      fail('FORBIDDEN', 'Ask an administrator to change your email.', [{ field: 'email', detail: 'Only an administrator can change it.' }]);
    }
    const now = ctx.now();
    const before = await apiUser(trx, ctx, target);
    const changes: UserUpdate = {};
    if (patch.name !== undefined) changes.name = patch.name.trim() || target.username;
    if (patch.email !== undefined && patch.email !== target.email) {
      await assertEmailFree(trx, patch.email, target.id);
      changes.email = patch.email;
    }
    if (patch.username !== undefined && patch.username !== target.username) {
      await assertUsernameFree(trx, patch.username, target.id);
      changes.username = patch.username;
    }
    if (patch.siteRole !== undefined && patch.siteRole !== target.site_role) {
      if (self) fail('FORBIDDEN', 'You cannot change your own site role.', [{ field: 'siteRole', detail: 'Not for yourself.' }]);
      if (!can(actor.role, 'user.assign-role') || !mayAssign(actor.role, patch.siteRole)) {
        fail('FORBIDDEN', `You cannot grant the ${patch.siteRole} role.`, [{ field: 'siteRole', detail: 'Not a role you may grant.' }]);
      }
      assertMayManage(actor, target, 'change the role of');
      changes.site_role = patch.siteRole;
    }
    let secretChange: { password?: string } = {};
    if (patch.loginType !== undefined && patch.loginType !== target.login_type) {
      if (self) fail('FORBIDDEN', 'You cannot change your own auth type.', [{ field: 'loginType', detail: 'Not for yourself.' }]);
      assertMayManage(actor, target, 'change the auth type of');
      changes.login_type = patch.loginType;
      // Either way the old credentials stop working now.
      await deleteSessionsOf(trx, target.id);
      await deleteApiTokensOf(trx, target.id);
      if (patch.loginType === 'oidc') {
        Object.assign(changes, { password_hash: null, password_expires_at: null, must_change_password: 0 });
        secretChange = target.password_hash ? { password: undefined } : {};
      } else {
        if ((await effectiveAuthSettings(ctx, trx)).disableBuiltin) {
          fail('BUILTIN_SIGN_IN_DISABLED', 'Password sign-in is turned off, so no user can be switched to Built-In.', [{ field: 'loginType', detail: 'Password sign-in is turned off.' }]);
        }
        Object.assign(changes, {
          oidc_issuer: null, oidc_subject: null,
          password_hash: temporaryHash, must_change_password: 1,
          password_expires_at: now + ctx.config.temporaryPasswordLifetime * 1000,
        });
        secretChange = { password: 'new' };
        issuedPassword = true;
      }
    }
    if (Object.keys(changes).length === 0) return before;
    changes.updated_at = now;
    try {
      await updateUser(trx, target.id, changes);
    } catch (error) {
      conflictFromRace(error);
    }
    const after = await apiUser(trx, ctx, (await userById(trx, target.id))!);
    const oldSecret = target.password_hash ? { password: 'set' } : {};
    const diff = diffOf('user', { ...auditShape(before), ...oldSecret }, { ...auditShape(after), ...oldSecret, ...secretChange });
    await recordAudit(trx, ctx, { action: 'write', resourceType: 'user', target: { id: target.id, name: after.username }, diff });
    return after;
  });
  return issuedPassword && temporaryPassword ? { user, temporaryPassword } : { user };
}
