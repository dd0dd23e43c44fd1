// The identity provider as openid-client sees it. Discovery results are
// cached briefly per issuer, client and secret, so a sign-in does not fetch
// the provider's metadata every time, and a broken provider is noticed fast.
import { createHash } from 'node:crypto';
import type * as client from 'openid-client';
import { fail } from '../errors.js';
import { openidClient } from './library.js';
import type { EffectiveAuthSettings } from './settings.js';

const cacheMs = 5 * 60_000;
const brokenRetryMs = 15_000;
const cache = new Map<string, { at: number; configuration?: client.Configuration; problem?: string }>();

function cacheKey(settings: EffectiveAuthSettings): string {
  return createHash('sha256').update(JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret])).digest('hex');
}

async function fetchConfiguration(settings: EffectiveAuthSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer!);
  const insecure = issuer.protocol === 'http:';
  const oidc = await openidClient();
  return oidc.discovery(
    issuer,
    settings.clientId!,
    settings.clientSecret ?? undefined,
    settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
    // ID tokens from the token endpoint have their signatures checked too, not
    // only their claims: TLS alone is not trusted to vouch for them. Plain
    // http is only ever an issuer on this machine (tests, `npm run dev:idp`).
    { timeout: 5, execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])] },
  );
}

/** Discovers the provider now, or refuses with a message that says what failed. */
export async function discover(settings: EffectiveAuthSettings): Promise<client.Configuration> {
  try {
    const configuration = await fetchConfiguration(settings);
    cache.set(cacheKey(settings), { at: Date.now(), configuration });
    return configuration;
  } catch (error) {
    const reason = (error as Error).message || String(error);
    return fail('OIDC_DISCOVERY_FAILED', `The identity provider's discovery document could not be used: ${reason}`, [{ field: 'issuer', detail: reason }]);
  }
}

/** The provider's configuration, or why it cannot be had right now. */
export async function oidcConfiguration(settings: EffectiveAuthSettings): Promise<{ configuration?: client.Configuration; problem?: string }> {
  const key = cacheKey(settings);
  const hit = cache.get(key);
  const fresh = hit && Date.now() - hit.at < (hit.configuration ? cacheMs : brokenRetryMs);
  if (fresh) return hit;
  try {
    const entry = { at: Date.now(), configuration: await fetchConfiguration(settings) };
    cache.set(key, entry);
    return entry;
  } catch (error) {
    const entry = { at: Date.now(), problem: (error as Error).message || String(error) };
    cache.set(key, entry);
    return entry;
  }
}

export function forgetConfigurations(): void {
  cache.clear();
}
