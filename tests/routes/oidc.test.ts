// OpenID Connect sign-in against a real oidc-provider on loopback (SPEC §3.3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { client, createSignedInUser, databaseKinds, startServer, type Client, type TestServer } from '../helpers/harness.js';
import { followAtIdp, startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import type { IdpAccount } from '../../dev/idp.js';

const rosterUrl = 'http://roster.test';
const callback = `${rosterUrl}/oidc/callback`;

const accounts: Record<string, IdpAccount> = {
  ada: { email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace', preferred_username: 'ada' },
  grace: { email: 'grace@example.com', email_verified: true, name: 'Grace Hopper', preferred_username: 'grace' },
  builtin: { email: 'taken@example.com', email_verified: true, name: 'Someone Else' },
  unverified: { email: 'unverified@example.com', email_verified: false, name: 'Not Verified' },
  precreated: { email: 'precreated@example.com', email_verified: true, name: 'Pre Created' },
  gone: { email: 'gone@example.com', email_verified: true },
  paused: { email: 'paused@example.com', email_verified: true },
  strange: { mail: 'strange@example.com', nickname: 'strangename', email_verified: true },
  noauto: { email: 'noauto@example.com', email_verified: true },
  switcher: { email: 'switcher@example.com', email_verified: true },
};

interface Round {
  response: LightMyRequestResponse;
  location: string;
  sessionToken: string | null;
}

function cookieValue(response: LightMyRequestResponse, name: string): string | null {
  const cookie = response.cookies.find((c) => c.name === name);
  return cookie && cookie.value ? cookie.value : null;
}

for (const kind of databaseKinds()) {
  describe(`OpenID Connect sign-in [${kind}]`, () => {
    let server: TestServer;
    let idp: TestIdp;
    let admin: Client;

    before(async () => {
      idp = await startTestIdp({ redirectUri: callback, accounts });
      server = await startServer(kind, { ROSTER_PUBLIC_URL: rosterUrl });
      admin = client(server.app, server.adminToken);
      const saved = await admin.put('/api/v1/settings/auth', { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
      assert.equal(saved.statusCode, 200, saved.body);
    });
    after(async () => {
      await server.close();
      await idp.close();
    });

    /** The whole round trip, as a browser would make it; `alter` plays an attacker on the callback. */
    async function signInWithIdp(account: string, options: { returnTo?: string; alter?: (url: URL) => void; dropBrowserCookie?: boolean } = {}): Promise<Round> {
      idp.loginAs(account);
      const start = await server.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/login${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}` });
      assert.equal(start.statusCode, 302, start.body);
      const authorizeUrl = String(start.headers.location);
      if (!authorizeUrl.startsWith(idp.issuer)) return { response: start, location: authorizeUrl, sessionToken: null };
      const attemptCookie = cookieValue(start, 'roster_oidc');
      assert.ok(attemptCookie, 'the attempt is tied to this browser');
      const authorize = new URL(authorizeUrl);
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce') && authorize.searchParams.get('code_challenge'));
      const back = new URL(await followAtIdp(authorizeUrl, callback));
      options.alter?.(back);
      const response = await server.app.inject({
        method: 'GET', url: back.pathname + back.search,
        cookies: options.dropBrowserCookie ? {} : { roster_oidc: attemptCookie },
      });
      return { response, location: String(response.headers.location ?? ''), sessionToken: cookieValue(response, 'roster_session') };
    }

    function refusedWith(round: Round, pattern: RegExp) {
      assert.equal(round.response.statusCode, 302, round.response.body);
      assert.ok(round.location.startsWith('/login?oidc_error='), round.location);
      const message = new URL(round.location, rosterUrl).searchParams.get('oidc_error')!;
      assert.match(message, pattern);
      assert.equal(round.sessionToken, null);
    }

    async function lastFailure(): Promise<{ reason: string; target: { name: string | null } }> {
      return (await admin.get('/api/v1/audit?action=login_failed&limit=1')).json().entries[0];
    }

    test('saving the settings checks the discovery document and explains a failure', async () => {
      const bad = await admin.put('/api/v1/settings/auth', { issuer: 'http://127.0.0.1:1/nothing', clientId: 'x' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'OIDC_DISCOVERY_FAILED');
      assert.equal(bad.json().validations[0].field, 'issuer');
      assert.equal((await admin.get('/api/v1/settings/auth')).json().issuer, idp.issuer, 'nothing changed');
      const plainHttp = await admin.put('/api/v1/settings/auth', { issuer: 'http://idp.internal.example', clientId: 'x' });
      assert.equal(plainHttp.statusCode, 400);
      assert.equal(plainHttp.json().validations[0].field, 'issuer');
      assert.match(plainHttp.json().message, /https/);
      const noClient = await admin.put('/api/v1/settings/auth', { clientId: null });
      assert.equal(noClient.statusCode, 400);
      assert.equal(noClient.json().validations[0].field, 'clientId');
    });

    test('the client secret is write-only, sealed at rest and masked in the audit log', async () => {
      const view = (await admin.get('/api/v1/settings/auth')).json();
      assert.equal(view.clientSecretSet, true);
      assert.ok(!JSON.stringify(view).includes(idp.clientSecret));
      const stored = await server.db.kysely.selectFrom('settings').select('value').where('key', '=', 'auth').executeTakeFirstOrThrow();
      assert.ok(!stored.value.includes(idp.clientSecret), 'not in the database in clear');
      const entries = (await admin.get('/api/v1/audit?resourceType=settings')).json().entries;
      const saved = entries.find((e: { result: string; diff: Record<string, unknown> | null }) => e.result === 'success' && e.diff?.clientSecret);
      assert.deepEqual(saved.diff.clientSecret, [null, '******']);
      assert.ok(!JSON.stringify(entries).includes(idp.clientSecret));
    });

    test('a first sign-in creates a member in the default organizations and lands where it started', async () => {
      const round = await signInWithIdp('ada', { returnTo: '/account' });
      assert.equal(round.response.statusCode, 302, round.response.body);
      assert.equal(round.location, '/account');
      assert.ok(round.sessionToken);
      const me = (await client(server.app, round.sessionToken).get('/api/v1/users/me')).json().user;
      assert.equal(me.email, 'ada@example.com');
      assert.equal(me.username, 'ada');
      assert.equal(me.name, 'Ada Lovelace');
      assert.equal(me.loginType, 'oidc');
      assert.equal(me.siteRole, 'member');
      assert.deepEqual(me.organizations.map((o: { name: string }) => o.name), ['Default']);
      const trail = (await admin.get(`/api/v1/audit?target=${me.id}`)).json().entries;
      assert.ok(trail.some((e: { action: string; reason: string }) => e.action === 'login' && e.reason === 'oidc'));
      assert.ok(trail.some((e: { action: string; reason: string }) => e.action === 'create' && /automatically/.test(e.reason)));
    });

    test('a second sign-in finds the same user by issuer and subject', async () => {
      const first = await signInWithIdp('grace');
      const second = await signInWithIdp('grace');
      const a = (await client(server.app, first.sessionToken!).get('/api/v1/users/me')).json().user;
      const b = (await client(server.app, second.sessionToken!).get('/api/v1/users/me')).json().user;
      assert.equal(a.id, b.id);
      assert.equal((await admin.get('/api/v1/users?q=grace@example.com')).json().users.length, 1);
    });

    test('a user an administrator created for OpenID Connect is bound by email at first sign-in', async () => {
      const created = (await admin.post('/api/v1/users', { email: 'precreated@example.com', loginType: 'oidc', siteRole: 'auditor', username: 'pre' })).json().user;
      const round = await signInWithIdp('precreated');
      const me = (await client(server.app, round.sessionToken!).get('/api/v1/users/me')).json().user;
      assert.equal(me.id, created.id);
      assert.equal(me.siteRole, 'auditor', 'the administrator\'s choices stand');
      const row = await server.db.kysely.selectFrom('users').select(['oidc_issuer', 'oidc_subject']).where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { oidc_issuer: idp.issuer, oidc_subject: 'precreated' });
    });

    test('an email that belongs to a built-in user is refused, with what to ask an administrator', async () => {
      await admin.post('/api/v1/users', { email: 'taken@example.com', loginType: 'built-in' });
      refusedWith(await signInWithIdp('builtin'), /signs in with a password.*Ask an administrator/);
      assert.match((await lastFailure()).reason, /built-in/);
      const row = await server.db.kysely.selectFrom('users').select('oidc_subject').where('email', '=', 'taken@example.com').executeTakeFirstOrThrow();
      assert.equal(row.oidc_subject, null, 'no takeover');
    });

    test('email_verified: false is refused while required, and accepted once not required', async () => {
      refusedWith(await signInWithIdp('unverified'), /not verified/);
      assert.equal((await lastFailure()).reason, 'oidc: email not verified');
      assert.equal((await admin.put('/api/v1/settings/auth', { requireEmailVerified: false })).statusCode, 200);
      try {
        assert.ok((await signInWithIdp('unverified')).sessionToken);
      } finally {
        await admin.put('/api/v1/settings/auth', { requireEmailVerified: true });
      }
    });

    test('with automatic creation off, an unknown identity is refused', async () => {
      await admin.put('/api/v1/settings/auth', { autoCreate: false });
      try {
        refusedWith(await signInWithIdp('noauto'), /no Roster account.*Ask an administrator/i);
        assert.equal((await admin.get('/api/v1/users?q=noauto')).json().users.length, 0);
      } finally {
        await admin.put('/api/v1/settings/auth', { autoCreate: true });
      }
    });

    test('a deleted identity is not re-created automatically; an administrator creating the user again lets it back', async () => {
      const first = await signInWithIdp('gone');
      const id = (await client(server.app, first.sessionToken!).get('/api/v1/users/me')).json().user.id;
      assert.equal((await admin.delete(`/api/v1/users/${id}`)).statusCode, 204);
      assert.equal((await client(server.app, first.sessionToken!).get('/api/v1/users/me')).statusCode, 401);
      refusedWith(await signInWithIdp('gone'), /deleted/);
      assert.equal((await admin.post('/api/v1/users', { email: 'gone@example.com', loginType: 'oidc' })).statusCode, 201);
      assert.ok((await signInWithIdp('gone')).sessionToken);
    });

    test('a suspended user cannot get back in through the identity provider', async () => {
      const first = await signInWithIdp('paused');
      const id = (await client(server.app, first.sessionToken!).get('/api/v1/users/me')).json().user.id;
      await admin.post(`/api/v1/users/${id}/suspend`, { reason: 'audit' });
      refusedWith(await signInWithIdp('paused'), /suspended/);
      assert.equal((await lastFailure()).reason, 'oidc: suspended');
    });

    test('a tampered state, nonce, issuer or ID token, and a callback in another browser, are all refused cleanly', async () => {
      refusedWith(await signInWithIdp('ada', { alter: (url) => url.searchParams.set('state', 'forged-state') }), /unknown or has expired/);
      refusedWith(await signInWithIdp('ada', { dropBrowserCookie: true }), /another browser/);
      refusedWith(await signInWithIdp('ada', { alter: (url) => url.searchParams.set('iss', 'https://evil.example') }), /could not be verified/);
      assert.match((await lastFailure()).reason, /token exchange or ID token validation failed/);

      // nonce: the attempt remembers a different nonce from the one the provider put in the ID token
      idp.loginAs('ada');
      const start = await server.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
      await server.db.kysely.updateTable('oidc_login_states').set({ nonce: 'not-the-nonce' }).execute();
      const back = new URL(await followAtIdp(String(start.headers.location), callback));
      const nonceAnswer = await server.app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { roster_oidc: cookieValue(start, 'roster_oidc')! } });
      refusedWith({ response: nonceAnswer, location: String(nonceAnswer.headers.location), sessionToken: cookieValue(nonceAnswer, 'roster_session') }, /could not be verified/);
      assert.match((await lastFailure()).reason, /nonce/);

      idp.tamperTokenResponse((body) => {
        const token = String(body.id_token);
        const last = token.at(-2) === 'A' ? 'B' : 'A';
        return { ...body, id_token: `${token.slice(0, -2)}${last}${token.at(-1)}` };
      });
      try {
        refusedWith(await signInWithIdp('ada'), /could not be verified/);
        // a forged subject in an otherwise untouched token: the signature no longer fits
        idp.tamperTokenResponse((body) => {
          const [header, payload, signature] = String(body.id_token).split('.');
          const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
          const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'grace' })).toString('base64url');
          return { ...body, id_token: `${header}.${forged}.${signature}` };
        });
        refusedWith(await signInWithIdp('ada'), /could not be verified/);
        assert.match((await lastFailure()).reason, /signature/i);
      } finally {
        idp.tamperTokenResponse(null);
      }
      // and after all that, an honest round trip still works
      assert.ok((await signInWithIdp('ada')).sessionToken);
    });

    test('a replayed callback is refused: an attempt finishes once', async () => {
      idp.loginAs('ada');
      const start = await server.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
      const back = new URL(await followAtIdp(String(start.headers.location), callback));
      const cookies = { roster_oidc: cookieValue(start, 'roster_oidc')! };
      const first = await server.app.inject({ method: 'GET', url: back.pathname + back.search, cookies });
      assert.ok(cookieValue(first, 'roster_session'));
      const again = await server.app.inject({ method: 'GET', url: back.pathname + back.search, cookies });
      refusedWith({ response: again, location: String(again.headers.location), sessionToken: cookieValue(again, 'roster_session') }, /unknown or has expired/);
    });

    test('claim-name settings are honoured', async () => {
      await admin.put('/api/v1/settings/auth', { emailClaim: 'mail', usernameClaim: 'nickname' });
      try {
        const round = await signInWithIdp('strange');
        const me = (await client(server.app, round.sessionToken!).get('/api/v1/users/me')).json().user;
        assert.equal(me.email, 'strange@example.com');
        assert.equal(me.username, 'strangename');
        assert.equal(me.name, 'strangename', 'no name claim: the username stands in');
      } finally {
        await admin.put('/api/v1/settings/auth', { emailClaim: 'email', usernameClaim: 'preferred_username' });
      }
    });

    test('the Auth Type switch: to OpenID Connect drops the password and binds at next sign-in; to Built-In issues a temporary password', async () => {
      const created = await admin.post('/api/v1/users', { email: 'switcher@example.com', loginType: 'built-in' });
      const { user, temporaryPassword } = created.json();
      const toOidc = await admin.patch(`/api/v1/users/${user.id}`, { loginType: 'oidc' });
      assert.equal(toOidc.json().user.loginType, 'oidc');
      assert.equal(toOidc.json().temporaryPassword, undefined);
      const password = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'switcher@example.com', password: temporaryPassword } });
      assert.equal(password.statusCode, 401, 'the password is gone');
      const round = await signInWithIdp('switcher');
      assert.equal((await client(server.app, round.sessionToken!).get('/api/v1/users/me')).json().user.id, user.id);
      const toBuiltIn = await admin.patch(`/api/v1/users/${user.id}`, { loginType: 'built-in' });
      assert.ok(toBuiltIn.json().temporaryPassword);
      assert.equal((await client(server.app, round.sessionToken!).get('/api/v1/users/me')).statusCode, 401, 'sessions end');
      refusedWith(await signInWithIdp('switcher'), /signs in with a password/);
    });

    test('with built-in sign-in turned off, only the site admin and site managers use a password; the sign-in page knows', async () => {
      const member = await createSignedInUser(server, 'member');
      const manager = await createSignedInUser(server, 'site-manager');
      assert.equal((await admin.put('/api/v1/settings/auth', { disableBuiltin: true, buttonLabel: 'Sign in with Example SSO' })).statusCode, 200);
      try {
        const methods = (await server.app.inject({ method: 'GET', url: '/api/v1/auth/methods' })).json();
        assert.deepEqual(methods, { password: { enabled: false }, adminLogin: true, oidc: { enabled: true, buttonLabel: 'Sign in with Example SSO', problem: null } });
        const refused = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: member.user.email, password: 'a-perfectly-fine-passphrase' } });
        assert.equal(refused.statusCode, 403);
        assert.equal(refused.json().code, 'BUILTIN_SIGN_IN_DISABLED');
        for (const login of ['admin', manager.user.email]) {
          const ok = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: login === 'admin' ? 'admin-test-password-42' : 'a-perfectly-fine-passphrase' } });
          assert.equal(ok.statusCode, 200, login);
        }
        const ada = (await admin.get('/api/v1/users?q=ada@example.com')).json().users[0];
        const toBuiltIn = await admin.patch(`/api/v1/users/${ada.id}`, { loginType: 'built-in' });
        assert.equal(toBuiltIn.statusCode, 403);
        assert.equal(toBuiltIn.json().code, 'BUILTIN_SIGN_IN_DISABLED');
      } finally {
        await admin.put('/api/v1/settings/auth', { disableBuiltin: false });
      }
    });
  });

  describe(`OpenID Connect configuration [${kind}]`, () => {
    test('environment variables win, show as locked, and cannot be changed through the API', async () => {
      const idp = await startTestIdp({ redirectUri: callback, accounts });
      const server = await startServer(kind, {
        ROSTER_PUBLIC_URL: rosterUrl, ROSTER_OIDC_ISSUER: idp.issuer, ROSTER_OIDC_CLIENT_ID: idp.clientId,
        ROSTER_OIDC_CLIENT_SECRET: idp.clientSecret, ROSTER_OIDC_BUTTON_LABEL: 'Sign in with Env SSO', ROSTER_OIDC_AUTO_CREATE: 'false',
      });
      try {
        const admin = client(server.app, server.adminToken);
        const view = (await admin.get('/api/v1/settings/auth')).json();
        assert.equal(view.issuer, idp.issuer);
        assert.equal(view.autoCreate, false);
        assert.deepEqual(view.environmentFields.sort(), ['autoCreate', 'buttonLabel', 'clientId', 'clientSecret', 'issuer']);
        const locked = await admin.put('/api/v1/settings/auth', { buttonLabel: 'Other', nameClaim: 'display_name' });
        assert.equal(locked.statusCode, 400);
        assert.deepEqual(locked.json().validations.map((v: { field: string }) => v.field), ['buttonLabel']);
        assert.equal((await admin.put('/api/v1/settings/auth', { nameClaim: 'display_name' })).json().nameClaim, 'display_name');
      } finally {
        await server.close();
        await idp.close();
      }
    });

    test('userinfo fills claims the ID token leaves out', async () => {
      const idp = await startTestIdp({ redirectUri: callback, accounts, conformIdTokenClaims: true });
      const server = await startServer(kind, { ROSTER_PUBLIC_URL: rosterUrl });
      try {
        const admin = client(server.app, server.adminToken);
        await admin.put('/api/v1/settings/auth', { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
        idp.loginAs('grace');
        const start = await server.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
        const back = new URL(await followAtIdp(String(start.headers.location), callback));
        const done = await server.app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { roster_oidc: cookieValue(start, 'roster_oidc')! } });
        const token = cookieValue(done, 'roster_session');
        assert.ok(token, String(done.headers.location));
        const me = (await client(server.app, token).get('/api/v1/users/me')).json().user;
        assert.equal(me.email, 'grace@example.com');
        assert.equal(me.name, 'Grace Hopper');
      } finally {
        await server.close();
        await idp.close();
      }
    });

    test('an expired authorization code is refused', async () => {
      const idp = await startTestIdp({ redirectUri: callback, accounts, codeTtlSeconds: 1 });
      const server = await startServer(kind, { ROSTER_PUBLIC_URL: rosterUrl });
      try {
        const admin = client(server.app, server.adminToken);
        await admin.put('/api/v1/settings/auth', { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
        idp.loginAs('ada');
        const start = await server.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
        const back = new URL(await followAtIdp(String(start.headers.location), callback));
        await new Promise((resolve) => setTimeout(resolve, 2100));
        const late = await server.app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { roster_oidc: cookieValue(start, 'roster_oidc')! } });
        assert.ok(String(late.headers.location).startsWith('/login?oidc_error='), String(late.headers.location));
        assert.equal(cookieValue(late, 'roster_session'), null);
        const failure = (await admin.get('/api/v1/audit?action=login_failed&limit=1')).json().entries[0];
        assert.match(failure.reason, /token exchange/);
      } finally {
        await server.close();
        await idp.close();
      }
    });

    test('a provider that cannot be reached shows a notice and the Admin login path; its button leads back with the reason', async () => {
      const idp = await startTestIdp({ redirectUri: callback, accounts });
      const server = await startServer(kind, { ROSTER_PUBLIC_URL: rosterUrl });
      try {
        const admin = client(server.app, server.adminToken);
        await admin.put('/api/v1/settings/auth', { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
        await idp.close();
        // a fresh process would not have the provider cached
        (await import('../../src/domain/oidc/client.js')).forgetConfigurations();
        const methods = (await server.app.inject({ method: 'GET', url: '/api/v1/auth/methods' })).json();
        assert.equal(methods.oidc.enabled, true);
        assert.match(methods.oidc.problem, /not working/);
        assert.equal(methods.adminLogin, true);
        const start = await server.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
        assert.equal(start.statusCode, 302);
        assert.match(String(start.headers.location), /^\/login\?oidc_error=.*reached/);
      } finally {
        await server.close();
      }
    });
  });
}
