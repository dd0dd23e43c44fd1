// Sign in through the organisation's identity provider: a real oidc-provider
// with its own login page, a real Roster, a real browser (SPEC §3.3).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createIdp, devAccounts } from '../dev/idp.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, expectHeading, field } from './helpers/ui.js';

describe('signing in with the identity provider', suiteOptions(), () => {
  const roster = useRoster({ adminPassword: strongPassword('admin') });
  let idp: http.Server;

  before(async () => {
    // The provider needs Roster's callback URL, and Roster the provider's: port first, then both.
    const holder = http.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(holder.address() as AddressInfo).port}`;
    const provider = createIdp({
      issuer, clientId: 'roster-e2e', clientSecret: 'roster-e2e-secret', redirectUris: [`${roster.server.baseUrl}/oidc/callback`],
      accounts: devAccounts, loginForm: true,
    });
    holder.on('request', provider.callback());
    idp = holder;
    const admin = await roster.admin();
    await admin.request('PUT', '/api/v1/settings/auth', { issuer, clientId: 'roster-e2e', clientSecret: 'roster-e2e-secret', buttonLabel: 'Sign in with Example SSO' });
  });
  after(async () => {
    idp?.closeAllConnections();
    await new Promise((resolve) => idp?.close(resolve));
  });

  test('click "Sign in with Example SSO", sign in at the provider, land in Roster as that user', flow, async () => {
    const page = await roster.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    // oidc-provider's own login page, on another origin
    await page.waitForURL((url) => url.port !== new URL(roster.server.baseUrl).port);
    await page.locator('input[name="login"]').fill('alice');
    await page.locator('input[name="password"]').fill('any-password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${roster.server.baseUrl}/**`);
    await expectHeading(page, 'Account');
    assert.equal(await field(page, 'Email').inputValue(), 'alice@example.com');
    assert.equal(await field(page, 'Name').inputValue(), 'Alice Example');
    const admin = await roster.admin();
    const { users } = await admin.request<{ users: { email: string; loginType: string }[] }>('GET', '/api/v1/users?q=alice@example.com');
    assert.equal(users[0]?.loginType, 'oidc');
  });

  test('a refused identity comes back to the sign-in page with the reason', flow, async () => {
    const page = await roster.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await page.waitForURL((url) => url.port !== new URL(roster.server.baseUrl).port);
    await page.locator('input[name="login"]').fill('carol'); // her email is unverified
    await page.locator('input[name="password"]').fill('any-password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${roster.server.baseUrl}/login**`);
    await expectHeading(page, 'Sign in');
    const alert = page.getByRole('alert').filter({ hasText: 'not verified' });
    await alert.waitFor();
    assert.ok(await button(page, 'Sign in').isVisible(), 'the password form is still there');
  });
});
