// Sessions: creation at sign-in, and turning a presented token into an actor
// on every request (the hot path: one indexed lookup, a write at most once a
// minute per user for last-seen).
import { deleteSession, sessionActorByTokenHash } from '../db/queries/sessions.js';
import { signInStatement, signInWritesIn, sqliteSignInTransaction, type SignedInRow, type SignInRows } from '../db/queries/sign-in.js';
import { touchLastSeen } from '../db/queries/users.js';
import type { SessionRow, UserRow } from '../db/schema.js';
import { auditRow } from './audit.js';
import type { Actor, Ctx, Executor } from './context.js';
import { actorFromApiToken, apiTokenPrefix } from './api-tokens.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { hashToken, newSecretToken } from './tokens.js';
import { apiUser } from './user-access.js';
import { isSuspendedAt, type ApiUser } from './user-view.js';

/** A new session of the user: its row, and the token only its holder will know. */
function newSession(ctx: Ctx, userId: string): { token: string; row: SessionRow } {
  const token = newSecretToken();
  const now = ctx.now();
  return {
    token,
    row: {
      id: newId(now), token_hash: hashToken(token), user_id: userId, created_at: now, expires_at: now + ctx.config.sessionLifetime * 1000,
      ip: ctx.client.ip, user_agent: ctx.client.userAgent?.slice(0, 512) ?? null,
    },
  };
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

/** A sign-in's rows (src/db/queries/sign-in.ts), and the session's token, which only its holder will know. */
interface SignInWrites extends SignInRows {
  token: string;
}

/** What a successful sign-in writes: the user's last seen, a new session, the audit entry. */
function signInWrites(ctx: Ctx, user: UserRow, method: 'password' | 'oidc'): SignInWrites {
  const { token, row: session } = newSession(ctx, user.id);
  const audit = auditRow(ctx, {
    action: 'login', resourceType: 'session', actor: { id: user.id, email: user.email },
    target: { id: user.id, name: user.username }, reason: method,
  });
  // Signing in is activity: a dormant user becomes active by last seen alone, a lapsed suspension ends.
  return { token, session, audit, endsSuspension: user.status === 'suspended' };
}

async function signedInAnswer(executor: Executor, ctx: Ctx, signedIn: SignedInRow | undefined, writes: SignInWrites): Promise<SignedIn> {
  // Deleted while signing in (after the password or identity was checked).
  if (!signedIn) fail('UNAUTHENTICATED', 'This account no longer exists.');
  const { organizations, ...row } = signedIn;
  const view = await apiUser(executor, ctx, row, organizations);
  return { user: view, sessionToken: writes.token, expiresAt: writes.session.expires_at };
}

/** A successful sign-in inside the caller's transaction, which writes more (an identity link, a new hash). */
export async function openSessionFor(trx: Executor, ctx: Ctx, user: UserRow, method: 'password' | 'oidc'): Promise<SignedIn> {
  const writes = signInWrites(ctx, user, method);
  return signedInAnswer(trx, ctx, await signInWritesIn(trx, ctx.db.dialect, writes), writes);
}

/**
 * A successful sign-in that writes nothing else, atomic on its own, which a
 * Monday-morning storm of sign-ins feels: on PostgreSQL one statement
 * instead of five round trips, on SQLite one transaction run at once
 * outside Kysely.
 */
export async function signIn(ctx: Ctx, user: UserRow, method: 'password' | 'oidc'): Promise<SignedIn> {
  const writes = signInWrites(ctx, user, method);
  if (ctx.db.dialect === 'postgres') return signedInAnswer(ctx.db.kysely, ctx, await signInStatement(ctx.db.kysely, writes), writes);
  const done = sqliteSignInTransaction(ctx.db.kysely, writes);
  if (done) return signedInAnswer(ctx.db.kysely, ctx, done.user, writes);
  // Another transaction holds SQLite's connection: wait for it through Kysely.
  return ctx.db.kysely.transaction().execute(async (trx) => signedInAnswer(trx, ctx, await signInWritesIn(trx, ctx.db.dialect, writes), writes));
}
