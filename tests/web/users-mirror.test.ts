// The Users page mirrors two server rules so it can show the right controls
// and the username a new user will get. These tests hold the mirrors to the
// server's own rules, so the two cannot drift apart unnoticed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { abilitiesFor, grantableRoles } from '../../web/src/views/users/abilities.js';
import { derivedUsername } from '../../web/src/views/users/derived-username.js';
import { assertMayManage } from '../../src/domain/user-access.js';
import { can, mayAssign, siteRoles } from '../../src/domain/permissions.js';
import type { SiteRole } from '../../src/db/schema.js';
import type { User } from '../../web/src/api/types.js';
import { client, startServer, type TestServer } from '../helpers/harness.js';

function target(id: string, siteRole: SiteRole, extra: Partial<User> = {}): User {
  return {
    id, username: id, email: `${id}@example.com`, name: id, loginType: 'built-in', siteRole, status: 'active',
    suspendedReason: null, suspendedUntil: null, mustChangePassword: false, organizations: [],
    createdAt: '', updatedAt: '', lastSeenAt: null, ...extra,
  };
}

const serverAllows = (actorRole: SiteRole, self: boolean, targetRole: SiteRole) => {
  try {
    assertMayManage({ id: 'actor', role: actorRole, email: '', username: '', credential: 'session', sessionId: '', mustChangePassword: false },
      { id: self ? 'actor' : 'other', site_role: targetRole } as Parameters<typeof assertMayManage>[1], 'delete');
    return true;
  } catch {
    return false;
  }
};

describe('the Users page mirrors the server', () => {
  test('row controls are offered exactly when the server would allow the action', () => {
    for (const actorRole of siteRoles) {
      const actor = { id: 'actor', siteRole: actorRole, can: (p: Parameters<typeof can>[1]) => can(actorRole, p) };
      for (const self of [true, false]) {
        for (const targetRole of siteRoles) {
          if (self && targetRole !== actorRole) continue;
          for (const status of ['active', 'suspended'] as const) {
            const t = target(self ? 'actor' : 'other', targetRole, { status });
            const shown = abilitiesFor(actor, t);
            const manage = serverAllows(actorRole, self, targetRole);
            const what = `${actorRole} on ${self ? 'self' : targetRole} (${status})`;
            assert.equal(shown.delete, manage && can(actorRole, 'user.delete'), `delete: ${what}`);
            assert.equal(shown.resetPassword, manage && can(actorRole, 'user.reset-password'), `reset: ${what}`);
            assert.equal(shown.suspend, manage && can(actorRole, 'user.suspend') && status === 'active', `suspend: ${what}`);
            assert.equal(shown.activate, manage && can(actorRole, 'user.suspend') && status === 'suspended', `activate: ${what}`);
            const roleChoices = manage && can(actorRole, 'user.update') && can(actorRole, 'user.assign-role') && mayAssign(actorRole, targetRole)
              ? siteRoles.filter((r) => mayAssign(actorRole, r)) : [];
            assert.deepEqual([...shown.roleOptions].sort(), [...roleChoices].sort(), `roles: ${what}`);
          }
        }
      }
      assert.deepEqual([...grantableRoles(actor)].sort(), siteRoles.filter((r) => can(actorRole, 'user.assign-role') && mayAssign(actorRole, r)).sort());
    }
  });

  describe('the derived username shown in New User is the one the server gives', () => {
    let server: TestServer;
    before(async () => { server = await startServer('sqlite'); });
    after(async () => { await server.close(); });

    const emails = [
      'John.Smith+tag@example.com', 'O\'Neil@example.com', '--weird--@example.com', 'me@example.com', 'Emile.ZOLA@example.com',
      `${'x'.repeat(50)}@example.com`, '12345678-1234-1234-1234-123456789abc@example.com', 'a_b.c-d@example.com', '_@example.com',
    ];
    for (const email of emails) {
      test(email, async () => {
        const created = await client(server.app, server.adminToken).post('/api/v1/users', { email, loginType: 'oidc' });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(derivedUsername(email), created.json().user.username);
      });
    }
  });
});
