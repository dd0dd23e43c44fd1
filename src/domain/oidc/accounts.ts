// Which Roster account an identity from the provider signs in as (SPEC §3.3,
// §1.4): bound identities first, then a pre-created OIDC user with the same
// email, then automatic creation. Never a silent takeover of a built-in user.
import type { Transaction } from 'kysely';
import { addMemberships, defaultOrgs } from '../../db/queries/orgs.js';
import { forgetDeletedIdentity, isDeletedIdentity, userByOidcIdentity } from '../../db/queries/oidc.js';
import { insertUser, updateUser, userByEmail, userById, userByUsername } from '../../db/queries/users.js';
import type { Database, UserRow } from '../../db/schema.js';
import { diffOf, recordAudit } from '../audit.js';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { apiUser } from '../user-access.js';
import { auditShape } from '../user-view.js';
import { deriveUsername, usernameProblem } from '../usernames.js';
import type { AuthSettings } from './settings.js';

export interface Identity {
  issuer: string;
  subject: string;
  email: string;
  username: string | null;
  name: string | null;
}

/** Why an identity may not sign in: `reason` for the audit log, `message` for the person. */
export class OidcRefusal extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

async function usernameFor(trx: Transaction<Database>, identity: Identity): Promise<string> {
  const wanted = identity.username?.trim();
  if (wanted && usernameProblem(wanted) === null && !(await userByUsername(trx, wanted))) return wanted;
  return deriveUsername(trx, identity.email);
}

export async function accountFor(trx: Transaction<Database>, ctx: Ctx, identity: Identity, settings: AuthSettings): Promise<UserRow> {
  const bound = await userByOidcIdentity(trx, identity.issuer, identity.subject);
  // Switching a user to Built-In unbinds it; this guards that rule anyway.
  if (bound?.login_type === 'oidc') return bound;
  if (bound) throw new OidcRefusal('identity bound to a built-in user', 'Your Roster account signs in with a password. Ask an administrator.');

  const now = ctx.now();
  const byEmail = await userByEmail(trx, identity.email);
  if (byEmail) {
    if (byEmail.login_type === 'built-in') {
      throw new OidcRefusal('email belongs to a built-in user',
        `The Roster account for ${identity.email} signs in with a password. Ask an administrator to switch its Auth Type to OpenID Connect.`);
    }
    if (byEmail.oidc_subject !== null) {
      throw new OidcRefusal('email belongs to another identity',
        `The Roster account for ${identity.email} is linked to a different identity. Ask an administrator to check it.`);
    }
    // A user an administrator created for OpenID Connect: bind it now. Creating
    // it again also lifts any memory of a deleted identity.
    await updateUser(trx, byEmail.id, { oidc_issuer: identity.issuer, oidc_subject: identity.subject, updated_at: now });
    await forgetDeletedIdentity(trx, identity.issuer, identity.subject);
    await recordAudit(trx, ctx, {
      action: 'write', resourceType: 'user', actor: { id: byEmail.id, email: byEmail.email },
      target: { id: byEmail.id, name: byEmail.username }, reason: 'bound to its OpenID Connect identity at first sign-in',
      diff: { oidcSubject: [null, identity.subject] },
    });
    return (await userById(trx, byEmail.id))!;
  }

  if (await isDeletedIdentity(trx, identity.issuer, identity.subject)) {
    throw new OidcRefusal('identity was deleted', 'Your Roster account was deleted. Ask an administrator to create it again.');
  }
  if (!settings.autoCreate) {
    throw new OidcRefusal('no account, and automatic creation is off', 'There is no Roster account for you yet. Ask an administrator to create one.');
  }
  const id = newId(now);
  const username = await usernameFor(trx, identity);
  await insertUser(trx, {
    id, username, email: identity.email, name: identity.name?.trim().slice(0, 128) || username,
    login_type: 'oidc', site_role: 'member', status: 'active', suspended_reason: null, suspended_until: null,
    must_change_password: 0, password_hash: null, password_expires_at: null,
    oidc_issuer: identity.issuer, oidc_subject: identity.subject,
    created_at: now, updated_at: now, last_seen_at: null, deleted_at: null,
  });
  await addMemberships(trx, id, (await defaultOrgs(trx)).map((o) => ({ id: o.id, role: o.default_role })), now);
  const created = (await userById(trx, id))!;
  await recordAudit(trx, ctx, {
    action: 'create', resourceType: 'user', actor: { id, email: identity.email }, target: { id, name: username },
    reason: 'created automatically at first OpenID Connect sign-in', diff: diffOf('user', null, auditShape(await apiUser(trx, ctx, created))),
  });
  return created;
}
