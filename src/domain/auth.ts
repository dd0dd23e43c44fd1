// Built-in sign-in, sign-out and password change (SPEC §1.3, §3.2).
import { deleteApiTokensOf, deleteSessionsOf } from '../db/queries/sessions.js';
import { updateUser, userByEmail, userById, userByUsername } from '../db/queries/users.js';
import type { UserRow } from '../db/schema.js';
import { recordAudit, secretMask } from './audit.js';
import type { Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { assertNotLocked, recordFailure, recordSuccess, throttleKeys } from './login-throttle.js';
import { mutate } from './mutation.js';
import { assertHashCapacity } from './hash-queue.js';
import { checkPassword, hashPassword, passwordProblems, verifyAgainstDummy, verifyPassword, type PasswordCheck } from './passwords.js';
import { builtinSignInDisabled } from './oidc/settings.js';
import { endSession, openSessionFor, signIn, type SignedIn } from './sessions.js';
import { requireActor } from './user-access.js';
import { isSuspendedAt } from './user-view.js';

const invalidCredentials = 'Incorrect email, username or password.';

async function refuse(ctx: Ctx, login: string, user: UserRow | undefined, reason: string): Promise<void> {
  await recordAudit(ctx.db.kysely, ctx, {
    action: 'login_failed', resourceType: 'session', result: 'failure', reason,
    actor: user ? { id: user.id, email: user.email } : { id: null, email: null },
    target: { id: user?.id ?? null, name: user?.username ?? login },
  });
}

export async function login(ctx: Ctx, input: { login: string; password: string }): Promise<SignedIn> {
  assertHashCapacity();
  const user = input.login.includes('@')
    ? await userByEmail(ctx.db.kysely, input.login)
    : await userByUsername(ctx.db.kysely, input.login);
  // Counted per account (by id, so email and username share one count; an
  // unknown login is counted the same way) and per client address.
  const keys = throttleKeys(ctx, user?.id ?? input.login);
  let throttle: { accountCounted: boolean };
  try {
    throttle = await assertNotLocked(ctx, keys);
  } catch (error) {
    await refuse(ctx, input.login, user, 'locked after too many failed sign-ins');
    throw error;
  }
  // Unknown users and users without a password cost one argon2 verify too,
  // so the answer and its timing are the same as for a wrong password.
  const check: PasswordCheck = user?.password_hash
    ? await checkPassword(user.password_hash, input.password, ctx.client.hashClient)
    : { ok: await verifyAgainstDummy(input.password, ctx.client.hashClient), needsRehash: false };
  if (!check.ok || !user) {
    await recordFailure(ctx, keys);
    await refuse(ctx, input.login, user, !user ? 'unknown login' : user.password_hash ? 'wrong password' : 'no password (not a built-in user)');
    fail('INVALID_CREDENTIALS', invalidCredentials);
  }
  // Most sign-ins follow no failure: nothing to clear, no write.
  if (throttle.accountCounted) await recordSuccess(ctx, keys);
  const now = ctx.now();
  // Past this point the caller knows the password, so telling them why is safe.
  if (isSuspendedAt(user, now)) {
    await refuse(ctx, input.login, user, 'suspended');
    fail('ACCOUNT_SUSPENDED', 'This account is suspended. Contact an administrator.');
  }
  if (user.must_change_password === 1 && user.password_expires_at !== null && user.password_expires_at <= now) {
    await refuse(ctx, input.login, user, 'temporary password expired');
    fail('TEMPORARY_PASSWORD_EXPIRED', 'Your temporary password has expired. Ask an administrator to reset your password.');
  }
  if ((await builtinSignInDisabled(ctx)) && user.site_role !== 'site-admin' && user.site_role !== 'site-manager') {
    await refuse(ctx, input.login, user, 'password sign-in is disabled');
    fail('BUILTIN_SIGN_IN_DISABLED', 'Password sign-in is turned off. Sign in with your organization\'s identity provider.');
  }
  // An imported (or older-parameter) hash is replaced now, so it does not outlive
  // the first sign-in that proved the password. Hashed outside the transaction.
  if (!check.needsRehash) return signIn(ctx, user, 'password');
  const upgraded = await hashPassword(input.password);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await replacePasswordHash(trx, ctx, user, upgraded, check.algorithm);
    return openSessionFor(trx, ctx, user, 'password');
  });
}

async function replacePasswordHash(trx: Executor, ctx: Ctx, user: UserRow, passwordHash: string, from: string | undefined): Promise<void> {
  // A password change or reset that landed since the check wins: only the hash we verified is replaced.
  const current = await userById(trx, user.id);
  if (!current || current.password_hash !== user.password_hash) return;
  await updateUser(trx, user.id, { password_hash: passwordHash });
  await recordAudit(trx, ctx, {
    action: 'write', resourceType: 'user', actor: { id: user.id, email: user.email },
    target: { id: user.id, name: user.username }, diff: { password: [secretMask, secretMask] },
    reason: from === 'argon2id'
      ? 'password re-hashed with the current argon2id parameters at sign-in'
      : `imported ${from ?? 'legacy'} password hash replaced by argon2id at sign-in`,
  });
}

export async function logout(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx);
  // An API token is not a session: it ends when deleted or expired, not at sign-out.
  if (actor.credential === 'token') return;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await endSession(trx, actor.sessionId);
    await recordAudit(trx, ctx, { action: 'logout', resourceType: 'session', target: { id: actor.id, name: actor.username } });
  });
}

export async function changeOwnPassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const actor = requireActor(ctx);
  const user = (await userById(ctx.db.kysely, actor.id)) ?? fail('UNAUTHENTICATED', 'Sign in first.');
  const refuse = (code: 'NOT_BUILT_IN' | 'WRONG_CURRENT_PASSWORD' | 'WEAK_PASSWORD', message: string, field: string, detail: string) =>
    mutate(ctx, { action: 'password_change', resourceType: 'user', targetName: user.username }, async (_trx, note) => {
      note.target = { id: user.id, name: user.username };
      fail(code, message, [{ field, detail }]);
    });
  if (!user.password_hash || user.login_type !== 'built-in') {
    return refuse('NOT_BUILT_IN', 'You sign in with OpenID Connect; your password is managed there.', 'currentPassword', 'Not a built-in account.');
  }
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    return refuse('WRONG_CURRENT_PASSWORD', 'The current password is not correct.', 'currentPassword', 'Incorrect password.');
  }
  const problems = passwordProblems(input.newPassword, user);
  if (problems.length) return refuse('WEAK_PASSWORD', `The new password is not acceptable: ${problems[0]!.detail}`, 'newPassword', problems[0]!.detail);
  if (input.newPassword === input.currentPassword) {
    return refuse('WEAK_PASSWORD', 'The new password must differ from the current one.', 'newPassword', 'Same as the current password.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const now = ctx.now();
    await updateUser(trx, user.id, { password_hash: passwordHash, must_change_password: 0, password_expires_at: null, updated_at: now });
    // Whoever else held a session or token of this account loses it now.
    await deleteSessionsOf(trx, user.id, actor.sessionId);
    await deleteApiTokensOf(trx, user.id);
    await recordAudit(trx, ctx, {
      action: 'password_change', resourceType: 'user', target: { id: user.id, name: user.username },
      diff: { password: [secretMask, secretMask], ...(user.must_change_password ? { mustChangePassword: [true, false] } : {}) },
    });
  });
}
