// Authentication settings (SPEC §3.3): stored in the database, overridden
// field by field by ROSTER_OIDC_* variables, which the UI shows read-only.
// The client secret is sealed at rest, write-only, and masked in the audit log.
import { readSetting, writeSetting } from '../../db/queries/settings.js';
import type { OidcOverrides } from '../../config.js';
import { diffOf, recordAudit } from '../audit.js';
import type { Ctx, Executor } from '../context.js';
import { fail } from '../errors.js';
import { mutate } from '../mutation.js';
import { cachedSetting } from '../setting-cache.js';
import { discover, forgetConfigurations } from './client.js';

export interface AuthSettings {
  issuer: string | null;
  clientId: string | null;
  scopes: string[];
  emailClaim: string;
  usernameClaim: string;
  nameClaim: string;
  requireEmailVerified: boolean;
  buttonLabel: string;
  autoCreate: boolean;
  disableBuiltin: boolean;
}

/** The settings with the secret, for the sign-in flow only. */
export interface EffectiveAuthSettings extends AuthSettings {
  clientSecret: string | null;
}

interface Stored extends Partial<AuthSettings> {
  clientSecretSealed?: string | null;
}

export const authSettingDefaults: AuthSettings = {
  issuer: null, clientId: null, scopes: [], emailClaim: 'email', usernameClaim: 'preferred_username', nameClaim: 'name',
  requireEmailVerified: true, buttonLabel: 'Sign in with OpenID Connect', autoCreate: true, disableBuiltin: false,
};

const settingsKey = 'auth';
type Field = keyof AuthSettings | 'clientSecret';

/** Which fields the environment sets, as API field names. */
export function environmentFields(overrides: OidcOverrides): Field[] {
  return (Object.keys(overrides) as (keyof OidcOverrides)[]).filter((k) => overrides[k] !== undefined) as Field[];
}

async function readStored(executor: Executor): Promise<Stored> {
  const text = await readSetting(executor, settingsKey);
  return text ? (JSON.parse(text) as Stored) : {};
}

export async function effectiveAuthSettings(ctx: Ctx, executor: Executor = ctx.db.kysely): Promise<EffectiveAuthSettings> {
  const stored = await readStored(executor);
  const { clientSecretSealed, ...storedFields } = stored;
  const { clientSecret: envSecret, ...envFields } = ctx.config.oidc;
  let clientSecret = envSecret ?? null;
  if (clientSecret === null && clientSecretSealed) {
    try {
      clientSecret = ctx.secrets.open(clientSecretSealed);
    } catch {
      clientSecret = null; // sealed under another key: treat as unset, the notice will say OIDC is broken
    }
  }
  return { ...authSettingDefaults, ...storedFields, ...envFields, clientSecret };
}

// Every password sign-in asks whether password sign-in is off (see setting-cache.ts).
const builtinDisabled = cachedSetting(async (ctx, executor) => (await effectiveAuthSettings(ctx, executor)).disableBuiltin);

/** Whether password sign-in is turned off (except for the site admin and site managers). */
export function builtinSignInDisabled(ctx: Ctx): Promise<boolean> {
  return builtinDisabled.get(ctx);
}

/** Plain-http issuers are for a provider on this machine only (tests, `npm run dev:idp`). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export function oidcConfigured(settings: AuthSettings): boolean {
  return Boolean(settings.issuer && settings.clientId);
}

/** What GET /api/v1/settings/auth shows: never the secret, only whether there is one. */
export async function authSettingsView(ctx: Ctx) {
  const { clientSecret, ...rest } = await effectiveAuthSettings(ctx);
  return { ...rest, clientSecretSet: clientSecret !== null, environmentFields: environmentFields(ctx.config.oidc) };
}

export type AuthSettingsPatch = Partial<AuthSettings> & { clientSecret?: string | null };

export async function updateAuthSettings(ctx: Ctx, patch: AuthSettingsPatch) {
  const locked = environmentFields(ctx.config.oidc).filter((field) => patch[field] !== undefined);
  if (locked.length) {
    fail('VALIDATION_FAILED', 'Some of these settings are set by environment variables; change them there.',
      locked.map((field) => ({ field, detail: 'Set by an environment variable.' })));
  }
  const before = await effectiveAuthSettings(ctx);
  const { clientSecret: newSecret, ...fields } = patch;
  const after: EffectiveAuthSettings = {
    ...before, ...fields,
    clientSecret: newSecret === undefined ? before.clientSecret : newSecret,
    issuer: fields.issuer === undefined ? before.issuer : fields.issuer?.replace(/\/+$/, '') || null,
    clientId: fields.clientId === undefined ? before.clientId : fields.clientId || null,
  };
  if (fields.issuer && new URL(fields.issuer).protocol === 'http:' && !isLoopback(new URL(fields.issuer).hostname)) {
    fail('VALIDATION_FAILED', 'Use an https issuer; plain http is only accepted for a provider on this machine.', [{ field: 'issuer', detail: 'Must be https.' }]);
  }
  if (after.issuer && !after.clientId) fail('VALIDATION_FAILED', 'A client ID is needed with an issuer.', [{ field: 'clientId', detail: 'Required with an issuer.' }]);
  if (after.disableBuiltin && !oidcConfigured(after)) {
    fail('VALIDATION_FAILED', 'Configure OpenID Connect before turning off password sign-in.', [{ field: 'disableBuiltin', detail: 'OpenID Connect is not configured.' }]);
  }
  // Saving proves the provider answers: a typo is caught now, not at the next sign-in.
  const connection = ['issuer', 'clientId', 'clientSecret'] as const;
  if (oidcConfigured(after) && connection.some((k) => after[k] !== before[k])) await discover(after);

  await mutate(ctx, { action: 'write', resourceType: 'settings', targetName: 'authentication' }, async (trx, note) => {
    note.target = { id: settingsKey, name: 'authentication' };
    const stored = await readStored(trx);
    const next: Stored = { ...stored, ...fields };
    if (fields.issuer !== undefined) next.issuer = after.issuer;
    if (fields.clientId !== undefined) next.clientId = after.clientId;
    if (newSecret !== undefined) next.clientSecretSealed = newSecret === null ? null : ctx.secrets.seal(newSecret);
    await writeSetting(trx, settingsKey, JSON.stringify(next), ctx.now());
    const mask = (s: EffectiveAuthSettings) => ({ ...s, clientSecret: s.clientSecret === null ? undefined : s.clientSecret });
    await recordAudit(trx, ctx, {
      action: 'write', resourceType: 'settings', target: { id: settingsKey, name: 'authentication' },
      diff: diffOf('settings', mask(before), mask(after)),
    });
  });
  forgetConfigurations();
  builtinDisabled.forget(ctx);
  return authSettingsView(ctx);
}
