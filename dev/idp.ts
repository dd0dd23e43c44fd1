// A real OpenID Connect provider (oidc-provider) for trying Roster's OIDC
// sign-in locally (`npm run dev:idp`) and for the test suite. Not part of
// the product: it lives beside it and uses a development dependency.
import Provider, { type Configuration } from 'oidc-provider';

/** An account's claims; its key in the accounts table is its subject (`sub`). */
export interface IdpAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
  /** Claims under other names, for trying Roster's claim-name settings. */
  mail?: string;
  nickname?: string;
}

export interface IdpOptions {
  /** The URL the provider is reached at (its `iss`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  accounts: Record<string, IdpAccount>;
  /** oidc-provider's built-in login form (any listed account name, any password). */
  loginForm: boolean;
  /** true: profile and email claims only from userinfo when an access token is issued. */
  conformIdTokenClaims?: boolean;
  codeTtlSeconds?: number;
}

/** Every login grants Roster's scopes at once: a first-party client needs no consent screen. */
async function autoGrant(ctx: Parameters<NonNullable<Configuration['loadExistingGrant']>>[0]) {
  const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
  if (existing) return ctx.oidc.provider.Grant.find(existing);
  const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
  grant.addOIDCScope('openid email profile');
  await grant.save();
  return grant;
}

export function createIdp(options: IdpOptions): Provider {
  return new Provider(options.issuer, {
    clients: [{
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: options.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'mail'], profile: ['name', 'preferred_username', 'nickname'] },
    conformIdTokenClaims: options.conformIdTokenClaims ?? false,
    features: { devInteractions: { enabled: options.loginForm } },
    loadExistingGrant: autoGrant,
    ttl: { AuthorizationCode: options.codeTtlSeconds ?? 60 },
    cookies: { keys: ['roster-dev-idp-cookie-key-not-a-secret'] },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ ...account, sub: id }) };
    },
  });
}

export const devAccounts: Record<string, IdpAccount> = {
  alice: { email: 'alice@example.com', email_verified: true, name: 'Alice Example', preferred_username: 'alice' },
  bob: { email: 'bob@example.com', email_verified: true, name: 'Bob Example', preferred_username: 'bob' },
  carol: { email: 'carol@example.com', email_verified: false, name: 'Carol Unverified', preferred_username: 'carol' },
};

// `npm run dev:idp`: a provider at http://127.0.0.1:4000 for a Roster at http://127.0.0.1:3000.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const port = Number(process.env.IDP_PORT ?? 4000);
  const roster = process.env.ROSTER_URL ?? 'http://127.0.0.1:3000';
  const issuer = `http://127.0.0.1:${port}`;
  const provider = createIdp({
    issuer, clientId: 'roster', clientSecret: 'roster-dev-secret', redirectUris: [`${roster}/oidc/callback`],
    accounts: devAccounts, loginForm: true,
  });
  provider.listen(port, '127.0.0.1', () => {
    process.stdout.write([
      `Development identity provider at ${issuer}`,
      `Accounts (any password): ${Object.keys(devAccounts).join(', ')} (carol's email is unverified)`,
      'Start Roster pointed at it:',
      `  ROSTER_OIDC_ISSUER=${issuer} ROSTER_OIDC_CLIENT_ID=roster ROSTER_OIDC_CLIENT_SECRET=roster-dev-secret npm start`,
      '',
    ].join('\n'));
  });
}
