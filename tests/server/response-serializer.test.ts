// The response serializer writes what the route's schema allows and nothing
// else, and for valid data exactly what zod + JSON.stringify wrote before it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { responseSerializerCompiler } from '../../src/server/response-serializer.js';
import { AuditPage } from '../../src/server/schemas/audit.js';
import { ErrorBody } from '../../src/server/schemas/common.js';
import { ImportResponse } from '../../src/server/schemas/users-import.js';
import { UserPage, UserWithPassword } from '../../src/server/schemas/users.js';

const serializerFor = (schema: z.ZodType) => responseSerializerCompiler({ schema, method: 'GET', url: '/api/v1/test', httpStatus: '200' });

const user = {
  id: '01J0000000000000000000000A', username: 'ada', email: 'ada@example.com', name: 'Ada Lovelace',
  loginType: 'built-in', siteRole: 'member', status: 'suspended', suspendedReason: 'left "the" team\n', suspendedUntil: null,
  mustChangePassword: false, organizations: [{ id: 'o1', name: 'Default', role: 'org-member' }],
  createdAt: '2026-11-28T10:00:00.000Z', updatedAt: '2026-11-28T10:00:00.000Z', lastSeenAt: null,
};

test('valid responses are written exactly as zod + JSON.stringify wrote them', () => {
  const samples: [z.ZodType, unknown][] = [
    [UserPage, { users: [user, { ...user, id: 'b', lastSeenAt: '2026-11-28T11:00:00.000Z', organizations: [] }], nextCursor: 'abc', total: 2 }],
    [UserPage, { users: [], nextCursor: null }],
    [UserWithPassword, { user, temporaryPassword: 'pässwörd-✓' }],
    [ErrorBody, { code: 'VALIDATION_FAILED', message: 'Bad.', validations: [{ field: 'email', detail: 'Not an email.' }] }],
    [AuditPage, {
      entries: [{
        id: 'e1', time: '2026-11-28T10:00:00.000Z', actor: { id: null, email: null }, ip: '127.0.0.1', userAgent: null,
        action: 'update', resourceType: 'user', target: { id: 'u1', name: 'ada' }, result: 'success', reason: null,
        diff: { name: ['Ada', 'Ada L.'], siteRole: [null, 'auditor'], usernames: [null, ['a', 'b']], count: [1, 2] },
      }, {
        id: 'e2', time: '2026-11-28T10:00:00.000Z', actor: { id: 'u0', email: 'root@example.com' }, ip: null, userAgent: 'curl',
        action: 'delete', resourceType: 'user', target: { id: null, name: null }, result: 'failure', reason: 'No.', diff: null,
      }],
      nextCursor: null,
    }],
    [ImportResponse, {
      results: [{ line: 1, status: 'created', id: 'x', username: 'ada', temporaryPassword: 'p' }, { line: 2, status: 'error', error: { code: 'CONFLICT', message: 'm' } }],
      created: 1, skipped: 0, failed: 1, dryRun: false,
    }],
  ];
  for (const [schema, data] of samples) {
    assert.equal(serializerFor(schema)(data), JSON.stringify(schema.parse(data)));
  }
});

test('a property the schema does not declare is never written, at any depth', () => {
  const leaky = {
    users: [{ ...user, passwordHash: '$argon2id$secret', organizations: [{ id: 'o1', name: 'Default', role: 'org-member', secret: 'x' }] }],
    nextCursor: null, tokenHash: 'secret',
  };
  const written = serializerFor(UserPage)(leaky);
  assert.doesNotMatch(written, /secret/);
  assert.deepEqual(JSON.parse(written), UserPage.parse(leaky));
});

test('a response missing a required property fails, naming the route', () => {
  const { email: _email, ...noEmail } = user;
  assert.throws(() => serializerFor(UserPage)({ users: [noEmail], nextCursor: null }), /GET \/api\/v1\/test does not match its schema/);
});
