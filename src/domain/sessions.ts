// Sessions: creation at sign-in, and turning a presented token into an actor
// on every request (the hot path: one indexed lookup, a write at most once a
// minute per user for last-seen).
import { deleteSession, insertSession, sessionActorByTokenHash } from '../db/queries/sessions.js';
import { touchLastSeen, updateUserReturning } from '../db/queries/users.js';
import type { UserRow } from '../db/schema.js';
import { recordAudit } from './audit.js';
import type { Actor, Ctx, Executor } from './context.js';
import { actorFromApiToken, apiTokenPrefix } from './api-tokens.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { hashToken, newSecretToken } from './tokens.js';
import { apiUser } from './user-access.js';
import { isSuspendedAt, type ApiUser } from './user-view.js';

export async function startSession(executor: Executor, ctx: Ctx, userId: string): Promise<{ token: string; expiresAt: number; id: string }> {
  const token = newSecretToken();
  const now = ctx.now();
  const id = newId(now);
  const expiresAt = now + ctx.config.sessionLifetime * 1000;
  await insertSession(executor, {
    id, token_hash: hashToken(token), user_id: userId, created_at: now, expires_at: expiresAt,
    ip: ctx.client.ip, user_agent: ctx.client.userAgent?.slice(0, 512) ?? null,
  });
  return { token, expiresAt, id };
}

/**
 * The actor a session or API token belongs to, or null when it opens nothing.
 * `withMemberships`: the request will show the actor's own view, so read the
 * memberships along (PostgreSQL only: see sessionActorByTokenHash).
 */
export async function actorFromToken(ctx: Ctx, token: string, withMemberships = false): Promise<Actor | null> {
  // Tokens we issue are 43 base64url characters (API tokens with a prefix); anything far off is not worth a query.
  if (token.length < 20 || token.length > 200) return null;
  if (token.startsWith(apiTokenPrefix)) return actorFromApiToken(ctx, token);
  const row = await sessionActorByTokenHash(ctx.db.kysely, hashToken(token), withMemberships && ctx.db.dialect === 'postgres');
  const now = ctx.now();
  if (!row || row.expires_at <= now || isSuspendedAt(row, now)) return null;
  const { session_id: sessionId, expires_at: _expiresAt, organizations, ...user } = row;
  if (user.last_seen_at === null || user.last_seen_at < now - 60_000) {
    await touchLastSeen(ctx.db.kysely, user.id, now);
    user.last_seen_at = now;
  }
  return {
    id: user.id, email: user.email, username: user.username, role: user.site_role,
    credential: 'session', sessionId, mustChangePassword: user.must_change_password === 1, row: user, rowMemberships: organizations,
  };
}

export async function endSession(executor: Executor, sessionId: string): Promise<void> {
  await deleteSession(executor, sessionId);
}

export interface SignedIn {
  user: ApiUser;
  sessionToken: string;
  expiresAt: number;
}

/** A successful sign-in, by password or identity provider: the session, and its audit entry. */
export async function openSessionFor(executor: Executor, ctx: Ctx, user: UserRow, method: 'password' | 'oidc'): Promise<SignedIn> {
  const now = ctx.now();
  // Signing in is activity: a dormant user becomes active, a lapsed suspension is cleared.
  const signedIn = await updateUserReturning(executor, ctx.db.dialect, user.id, {
    last_seen_at: now,
    ...(user.status === 'suspended' ? { status: 'active', suspended_reason: null, suspended_until: null } : {}),
  });
  // Deleted while signing in (after the password or identity was checked).
  if (!signedIn) fail('UNAUTHENTICATED', 'This account no longer exists.');
  const session = await startSession(executor, ctx, user.id);
  await recordAudit(executor, ctx, {
    action: 'login', resourceType: 'session', actor: { id: user.id, email: user.email },
    target: { id: user.id, name: user.username }, reason: method,
  });
  const { organizations, ...row } = signedIn;
  const view = await apiUser(executor, ctx, row, organizations);
  return { user: view, sessionToken: session.token, expiresAt: session.expiresAt };
}
