// Walks every registered route as every role, and checks the answer against
// the one permission table: a route nobody declared, or one whose check
// drifted from the table, fails here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { allPermissions, can, permissionsOf, type Permission } from '../../src/domain/permissions.js';
import type { SiteRole } from '../../src/db/schema.js';
import { buildApp } from '../../src/server/app.js';
import {
  adminPassword, chosenPassword, client, createSignedInUser, databaseKinds, signIn, startServer, uniqueEmail, type TestServer,
} from '../helpers/harness.js';

type Sample = { url: string; payload?: unknown };
type Access = Permission | 'public' | 'signed-in';
const roles: SiteRole[] = ['member', 'auditor', 'site-manager', 'site-admin'];

for (const kind of databaseKinds()) {
  describe(`permissions [${kind}]`, () => {
    let server: TestServer;
    const tokens = {} as Record<SiteRole, string>;
    const logins = {} as Record<SiteRole, string>;

    before(async () => {
      server = await startServer(kind);
      tokens['site-admin'] = server.adminToken;
      logins['site-admin'] = 'admin';
      for (const role of ['member', 'auditor', 'site-manager'] as const) {
        const { token, user } = await createSignedInUser(server, role);
        tokens[role] = token;
        logins[role] = user.email;
      }
    });
    after(async () => { await server.close(); });

    /** A fresh member for routes that consume their target. */
    async function victim(): Promise<string> {
      const response = await client(server.app, server.adminToken).post('/api/v1/users', { email: uniqueEmail('victim'), loginType: 'built-in' });
      return response.json().user.id as string;
    }

    let counter = 0;
    const admin = () => client(server.app, server.adminToken);
    /** A fresh organization, optionally with the given user in it as well. */
    async function freshOrg(withUser?: string): Promise<string> {
      const name = `walk-org-${++counter}`;
      assert.equal((await admin().post('/api/v1/orgs', { name })).statusCode, 201);
      if (withUser) assert.equal((await admin().post(`/api/v1/orgs/${name}/members`, { user: withUser })).statusCode, 201);
      return name;
    }
    async function freshImage(): Promise<string> {
      const response = await admin().post('/api/v1/orgs/Default/images', { name: `walk-image-${++counter}`, repository: 'example/python', tag: '3.12' });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().image.id;
    }

    // Per route: the access SPEC §2 calls for (written here, independently of
    // the route's own declaration), and one request a person holding it would send.
    const samples: Record<string, [Access, (role: SiteRole) => Promise<Sample>]> = {
      'GET /healthz': ['public', async () => ({ url: '/healthz' })],
      'GET /*': ['public', async () => ({ url: '/users' })],
      'GET /api/v1/openapi.json': ['public', async () => ({ url: '/api/v1/openapi.json' })],
      'GET /api/docs': ['public', async () => ({ url: '/api/docs' })],
      'GET /api/docs/init.js': ['public', async () => ({ url: '/api/docs/init.js' })],
      'GET /api/docs/assets/:file': ['public', async () => ({ url: '/api/docs/assets/swagger-ui.css' })],
      'GET /metrics': ['public', async () => ({ url: '/metrics' })],
      'GET /readyz': ['public', async () => ({ url: '/readyz' })],
      'GET /api/v1/auth/methods': ['public', async () => ({ url: '/api/v1/auth/methods' })],
      'POST /api/v1/auth/login': ['public', async (role) => ({ url: '/api/v1/auth/login', payload: { login: logins[role], password: role === 'site-admin' ? adminPassword : chosenPassword } })],
      'POST /api/v1/auth/logout': ['signed-in', async () => ({ url: '/api/v1/auth/logout' })],
      'PUT /api/v1/users/me/password': ['signed-in', async () => ({ url: '/api/v1/users/me/password', payload: { currentPassword: 'not-the-current-one', newPassword: 'whatever-new-password' } })],
      'GET /api/v1/users/export.csv': ['user.list', async () => ({ url: '/api/v1/users/export.csv?q=role:member' })],
      'POST /api/v1/users/bulk': ['user.update', async () => ({ url: '/api/v1/users/bulk', payload: { action: 'suspend', ids: [await victim()], dryRun: true } })],
      'GET /api/v1/users': ['user.list', async () => ({ url: '/api/v1/users' })],
      'POST /api/v1/users': ['user.create', async () => ({ url: '/api/v1/users', payload: { email: uniqueEmail('walk'), loginType: 'oidc' } })],
      'POST /api/v1/users/import': ['user.create', async () => ({ url: '/api/v1/users/import', payload: { rows: [{ line: 1, email: uniqueEmail('walk-import') }] } })],
      'GET /api/v1/users/me/permissions': ['signed-in', async () => ({ url: '/api/v1/users/me/permissions' })],
      'GET /api/v1/users/:user': ['user.read.own', async () => ({ url: '/api/v1/users/me' })],
      'PATCH /api/v1/users/:user': ['user.update.own', async () => ({ url: '/api/v1/users/me', payload: { name: 'Walked' } })],
      'DELETE /api/v1/users/:user': ['user.delete', async () => ({ url: `/api/v1/users/${await victim()}` })],
      'POST /api/v1/users/:user/reset-password': ['user.reset-password', async () => ({ url: `/api/v1/users/${await victim()}/reset-password` })],
      'POST /api/v1/users/:user/suspend': ['user.suspend', async () => ({ url: `/api/v1/users/${await victim()}/suspend`, payload: { reason: 'walk' } })],
      'POST /api/v1/users/:user/activate': ['user.suspend', async () => ({ url: `/api/v1/users/${await victim()}/activate` })],
      'GET /api/v1/orgs': ['org.read.own', async () => ({ url: '/api/v1/orgs' })],
      'POST /api/v1/orgs': ['org.create', async () => ({ url: '/api/v1/orgs', payload: { name: `walk-new-${++counter}` } })],
      'GET /api/v1/orgs/:org': ['org.read.own', async () => ({ url: '/api/v1/orgs/Default' })],
      'PATCH /api/v1/orgs/:org': ['org.update', async () => ({ url: '/api/v1/orgs/Default', payload: { description: 'Walked.' } })],
      'DELETE /api/v1/orgs/:org': ['org.delete', async () => ({ url: `/api/v1/orgs/${await freshOrg()}` })],
      'GET /api/v1/orgs/:org/members': ['org-member.list.own', async () => ({ url: '/api/v1/orgs/Default/members' })],
      // Every role is an org-member (not manager) of Default, so only the site permission opens these.
      'POST /api/v1/orgs/:org/members': ['org-member.manage', async () => ({ url: '/api/v1/orgs/Default/members', payload: { user: await victim(), role: 'org-member' } })],
      'PATCH /api/v1/orgs/:org/members/:user': ['org-member.manage', async () => ({ url: `/api/v1/orgs/Default/members/${await victim()}`, payload: { role: 'org-manager' } })],
      'DELETE /api/v1/orgs/:org/members/:user': ['org-member.manage', async () => {
        const user = await victim();
        await freshOrg(user);
        return { url: `/api/v1/orgs/Default/members/${user}` };
      }],
      'GET /api/v1/images': ['image.read.own', async () => ({ url: '/api/v1/images' })],
      'GET /api/v1/orgs/:org/images': ['image.read.own', async () => ({ url: '/api/v1/orgs/Default/images' })],
      'POST /api/v1/orgs/:org/images': ['image.manage', async () => ({ url: '/api/v1/orgs/Default/images', payload: { name: `walk-new-image-${++counter}`, repository: 'example/go', tag: '1.23' } })],
      'PATCH /api/v1/images/:id': ['image.manage', async () => ({ url: `/api/v1/images/${await freshImage()}`, payload: { tag: '3.13' } })],
      'DELETE /api/v1/images/:id': ['image.manage', async () => ({ url: `/api/v1/images/${await freshImage()}` })],
      'GET /api/v1/auth/oidc/login': ['public', async () => ({ url: '/api/v1/auth/oidc/login' })],
      'GET /oidc/callback': ['public', async () => ({ url: '/oidc/callback?state=x&code=y' })],
      'GET /api/v1/settings/dormancy': ['settings.read', async () => ({ url: '/api/v1/settings/dormancy' })],
      'PUT /api/v1/settings/dormancy': ['settings.update', async () => ({ url: '/api/v1/settings/dormancy', payload: { thresholdDays: 90 } })],
      'GET /api/v1/settings/auth': ['settings.read', async () => ({ url: '/api/v1/settings/auth' })],
      'PUT /api/v1/settings/auth': ['settings.update', async () => ({ url: '/api/v1/settings/auth', payload: { buttonLabel: 'Sign in with SSO' } })],
      'GET /api/v1/users/:user/tokens': ['token.manage.own', async () => ({ url: '/api/v1/users/me/tokens' })],
      'POST /api/v1/users/:user/tokens': ['token.manage.own', async () => ({ url: '/api/v1/users/me/tokens', payload: { name: `walk-token-${++counter}` } })],
      'DELETE /api/v1/users/:user/tokens/:id': ['token.manage.own', async (role) => {
        const name = `walk-doomed-${++counter}`;
        const made = await client(server.app, tokens[role]).post('/api/v1/users/me/tokens', { name });
        assert.equal(made.statusCode, 201, made.body);
        return { url: `/api/v1/users/me/tokens/${made.json().id}` };
      }],
      'POST /api/v1/users/:user/unlock': ['user.suspend', async () => ({ url: `/api/v1/users/${await victim()}/unlock` })],
      'GET /api/v1/audit/export.csv': ['audit.export', async () => ({ url: '/api/v1/audit/export.csv?action=login' })],
      'GET /api/v1/audit': ['audit.read', async () => ({ url: '/api/v1/audit' })],
    };

    test('every route declares its access and has a sample request in this walk', () => {
      for (const route of server.app.routeList) {
        assert.ok(route.access, `${route.method} ${route.url} declares no access`);
        assert.ok(route.access === 'public' || route.access === 'signed-in' || (allPermissions as readonly string[]).includes(route.access), route.access);
        const sample = samples[`${route.method} ${route.url}`];
        assert.ok(sample, `no sample for ${route.method} ${route.url}: add one to the walk`);
        assert.equal(route.access, sample[0], `${route.method} ${route.url} declares ${route.access}, SPEC §2 says ${sample[0]}`);
      }
    });

    test('an app refuses to register a route that declares no access', async () => {
      const app = await buildApp({ config: server.config, db: server.db, logger: false });
      assert.throws(() => app.get('/api/v1/undeclared', async () => 'open'), /declares no access/);
      await app.close();
    });

    test('every route × every role answers as the permission table says', async () => {
      for (const route of server.app.routeList) {
        for (const role of roles) {
          // logout ends the session it is sent with: give it a session of its own
          const token = route.url === '/api/v1/auth/logout'
            ? await signIn(server.app, logins[role], role === 'site-admin' ? adminPassword : chosenPassword)
            : tokens[role];
          const [access, request] = samples[`${route.method} ${route.url}`]!;
          const sample = await request(role);
          const response = await server.app.inject({
            method: route.method as 'GET', url: sample.url, headers: { authorization: `Bearer ${token}` },
            ...(sample.payload === undefined ? {} : { payload: sample.payload as object }),
          });
          const what = `${route.method} ${route.url} as ${role} → ${response.statusCode} ${response.body}`;
          const allowed = access === 'public' || access === 'signed-in' || can(role, access);
          if (allowed) {
            assert.ok(response.statusCode !== 401 && response.statusCode !== 403, what);
            assert.ok(response.statusCode < 500, what);
          } else {
            assert.equal(response.statusCode, 403, what);
            assert.equal(response.json().code, 'FORBIDDEN', what);
          }
        }
      }
    });

    test('without a session every non-public route answers 401 UNAUTHENTICATED', async () => {
      for (const route of server.app.routeList.filter((r) => r.access !== 'public')) {
        const sample = await samples[`${route.method} ${route.url}`]![1]('member');
        const response = await server.app.inject({ method: route.method as 'GET', url: sample.url, ...(sample.payload === undefined ? {} : { payload: sample.payload as object }) });
        assert.equal(response.statusCode, 401, `${route.method} ${route.url}`);
        assert.equal(response.json().code, 'UNAUTHENTICATED');
      }
    });

    test('the permission table grants what SPEC §2 says, and nothing of the row above', () => {
      // written out from SPEC §2's table, independently of src/domain/permissions.ts
      const spec: Record<SiteRole, Permission[]> = {
        member: ['user.read.own', 'user.update.own', 'org.read.own', 'org-member.list.own', 'image.read.own', 'token.manage.own'],
        auditor: ['user.list', 'org.read', 'org-member.read', 'image.read', 'audit.read', 'audit.export', 'settings.read'],
        'site-manager': ['user.read', 'user.create', 'user.update', 'user.delete', 'user.suspend', 'user.reset-password', 'user.assign-role',
          'org.create', 'org.update', 'org.delete', 'org-member.manage', 'image.manage', 'settings.update'],
        'site-admin': ['token.manage.any'],
      };
      const held: Permission[] = [];
      for (const role of roles) {
        held.push(...spec[role]);
        for (const p of allPermissions) assert.equal(can(role, p), held.includes(p), `${role} ${p}`);
      }
    });

    test('GET /users/me/permissions gives each role exactly its row of the table, as booleans', async () => {
      for (const role of roles) {
        const response = await client(server.app, tokens[role]).get('/api/v1/users/me/permissions');
        assert.equal(response.statusCode, 200);
        assert.equal(response.json().siteRole, role);
        assert.deepEqual(response.json().permissions, permissionsOf(role));
      }
      // additive roles: each has everything of the one below
      for (let i = 1; i < roles.length; i++) {
        for (const p of allPermissions) if (can(roles[i - 1]!, p)) assert.ok(can(roles[i]!, p), `${roles[i]} lacks ${p}`);
      }
    });
  });
}
