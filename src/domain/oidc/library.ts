// openid-client is loaded the first time an identity provider is used: an
// instance without single sign-on never holds it (about 10 MB at rest).
import type * as OpenIdClient from 'openid-client';

let loading: Promise<typeof OpenIdClient> | undefined;

export function openidClient(): Promise<typeof OpenIdClient> {
  loading ??= import('openid-client');
  return loading;
}
