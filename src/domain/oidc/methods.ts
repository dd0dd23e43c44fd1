// What the sign-in page offers (GET /api/v1/auth/methods): the password form,
// the identity provider's button, and whether the provider is reachable.
import type { Ctx } from '../context.js';
import { oidcConfiguration } from './client.js';
import { effectiveAuthSettings, oidcConfigured } from './settings.js';

export async function authMethods(ctx: Ctx) {
  const settings = await effectiveAuthSettings(ctx);
  const enabled = oidcConfigured(settings);
  const problem = enabled ? (await oidcConfiguration(settings)).problem ?? null : null;
  return {
    password: { enabled: !settings.disableBuiltin },
    adminLogin: settings.disableBuiltin || problem !== null,
    oidc: {
      enabled,
      buttonLabel: settings.buttonLabel,
      problem: problem === null ? null : 'Sign-in with the identity provider is not working right now. Administrators can still use Admin login.',
    },
  };
}
