// The OpenID Connect round trip (SPEC §3.3): authorization code with PKCE
// (S256), state and nonce. The attempt lives in the database, tied to the
// browser that started it by a cookie, so any instance can finish it, once.
import { timingSafeEqual } from 'node:crypto';
import type * as client from 'openid-client';
import { isUniqueViolation } from '../../db/dialects.js';
import { deleteExpiredLoginStates, insertLoginState, takeLoginState } from '../../db/queries/oidc.js';
import { recordAudit } from '../audit.js';
import type { Ctx } from '../context.js';
import { openSessionFor, type SignedIn } from '../sessions.js';
import { hashToken, newSecretToken } from '../tokens.js';
import { isSuspendedAt } from '../user-view.js';
import { OidcRefusal, accountFor, type Identity } from './accounts.js';
import { oidcConfiguration } from './client.js';
import { openidClient } from './library.js';
import { effectiveAuthSettings, oidcConfigured, type EffectiveAuthSettings } from './settings.js';

const attemptLifetimeMs = 10 * 60_000;

export function callbackUrl(ctx: Ctx): URL {
  return new URL('/oidc/callback', ctx.config.publicUrl);
}

/** Only paths inside Roster: a sign-in never redirects elsewhere. */
export function safeReturnPath(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

async function configured(ctx: Ctx): Promise<{ settings: EffectiveAuthSettings; configuration: client.Configuration }> {
  const settings = await effectiveAuthSettings(ctx);
  if (!oidcConfigured(settings)) throw new OidcRefusal('OpenID Connect is not configured', 'Sign-in with an identity provider is not set up.');
  const { configuration, problem } = await oidcConfiguration(settings);
  if (!configuration) {
    throw new OidcRefusal(`identity provider unavailable: ${problem}`, 'The identity provider cannot be reached right now. Try again later, or ask an administrator.');
  }
  return { settings, configuration };
}

export async function startOidcLogin(ctx: Ctx, returnTo: string | undefined): Promise<{ url: URL; browserToken: string }> {
  const { settings, configuration } = await configured(ctx);
  const oidc = await openidClient();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const browserToken = newSecretToken();
  const now = ctx.now();
  await deleteExpiredLoginStates(ctx.db.kysely, now);
  await insertLoginState(ctx.db.kysely, {
    state_hash: hashToken(state), browser_hash: hashToken(browserToken), code_verifier: codeVerifier, nonce,
    return_to: safeReturnPath(returnTo), expires_at: now + attemptLifetimeMs,
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(ctx).href,
    scope: [...new Set(['openid', 'email', 'profile', ...settings.scopes])].join(' '),
    state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, browserToken };
}

function claimText(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

async function identityFrom(settings: EffectiveAuthSettings, configuration: client.Configuration, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): Promise<{ identity: Identity; emailVerified: unknown }> {
  const claims: Record<string, unknown> = { ...tokens.claims() };
  const wanted = [settings.emailClaim, settings.usernameClaim, settings.nameClaim];
  // An IdP may keep some claims for the userinfo endpoint only.
  if (wanted.some((name) => claimText(claims, name) === null) && tokens.access_token) {
    try {
      const info = await (await openidClient()).fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
      for (const [key, value] of Object.entries(info)) if (claims[key] === undefined) claims[key] = value;
    } catch {
      // no userinfo: go on with what the ID token holds
    }
  }
  const email = claimText(claims, settings.emailClaim);
  if (!email) throw new OidcRefusal(`no "${settings.emailClaim}" claim`, 'The identity provider did not share your email address with Roster.');
  const identity = {
    issuer: String(claims.iss), subject: String(claims.sub), email,
    username: claimText(claims, settings.usernameClaim), name: claimText(claims, settings.nameClaim),
  };
  return { identity, emailVerified: claims.email_verified };
}

/** Finishes the round trip at /oidc/callback and opens a session, or refuses with the reason audited. */
export async function finishOidcLogin(ctx: Ctx, currentUrl: URL, browserToken: string | undefined): Promise<SignedIn & { returnTo: string }> {
  let identity: Identity | undefined;
  try {
    const params = currentUrl.searchParams;
    const providerError = params.get('error');
    if (providerError) throw new OidcRefusal(`identity provider error: ${providerError}`, `The identity provider did not sign you in (${params.get('error_description') ?? providerError}).`);
    const state = params.get('state');
    const attempt = state ? await takeLoginState(ctx.db.kysely, hashToken(state)) : undefined;
    if (!state || !attempt || attempt.expires_at <= ctx.now()) {
      throw new OidcRefusal('state mismatch or expired sign-in attempt', 'This sign-in attempt is unknown or has expired. Please start again.');
    }
    const presented = Buffer.from(hashToken(browserToken ?? ''));
    if (!browserToken || !timingSafeEqual(presented, Buffer.from(attempt.browser_hash))) {
      throw new OidcRefusal('sign-in attempt started in another browser', 'This sign-in attempt was started in another browser. Please start again.');
    }
    const { settings, configuration } = await configured(ctx);
    let tokens;
    try {
      tokens = await (await openidClient()).authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: attempt.code_verifier, expectedState: state, expectedNonce: attempt.nonce, idTokenExpected: true,
      });
    } catch (error) {
      // openid-client wraps the precise reason ('unexpected ID Token "nonce" claim value') in its cause.
      const inner = (error as { cause?: unknown }).cause;
      const detail = inner instanceof Error ? inner.message : (error as Error).message;
      throw new OidcRefusal(`token exchange or ID token validation failed: ${detail}`, 'The identity provider\'s answer could not be verified. Please start again.');
    }
    const found = await identityFrom(settings, configuration, tokens);
    identity = found.identity;
    if (settings.requireEmailVerified && found.emailVerified !== undefined && found.emailVerified !== true) {
      throw new OidcRefusal('email not verified', 'Your identity provider has not verified your email address yet.');
    }
    const signedIn = await signInAs(ctx, identity, settings);
    return { ...signedIn, returnTo: attempt.return_to };
  } catch (error) {
    if (error instanceof OidcRefusal) {
      await recordAudit(ctx.db.kysely, ctx, {
        action: 'login_failed', resourceType: 'session', result: 'failure', reason: `oidc: ${error.reason}`,
        target: { id: null, name: identity?.email ?? null },
      });
    }
    throw error;
  }
}

async function signInAs(ctx: Ctx, identity: Identity, settings: EffectiveAuthSettings): Promise<SignedIn> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.kysely.transaction().execute(async (trx) => {
        const user = await accountFor(trx, ctx, identity, settings);
        if (isSuspendedAt(user, ctx.now())) throw new OidcRefusal('suspended', 'Your Roster account is suspended. Contact an administrator.');
        return openSessionFor(trx, ctx, user, 'oidc');
      });
    } catch (error) {
      // Two first sign-ins of one identity at once: the loser finds the winner's account.
      if (attempt === 1 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
