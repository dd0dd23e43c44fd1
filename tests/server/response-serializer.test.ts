// The response serializer writes what the route's schema allows and nothing
// else, and for valid data what zod + JSON.stringify wrote before it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { responseSerializerCompiler } from '../../src/server/response-serializer.js';
import { repoRoot } from '../helpers/process.js';
import * as audit from '../../src/server/schemas/audit.js';
import * as auth from '../../src/server/schemas/auth.js';
import * as common from '../../src/server/schemas/common.js';
import * as orgs from '../../src/server/schemas/orgs.js';
import * as settings from '../../src/server/schemas/settings.js';
import * as tokens from '../../src/server/schemas/tokens.js';
import * as usersImport from '../../src/server/schemas/users-import.js';
import * as users from '../../src/server/schemas/users.js';

const { AuditPage } = audit;
const { ErrorBody } = common;
const { ImportResponse } = usersImport;
const { UserPage, UserWithPassword } = users;

const serializerFor = (schema: z.ZodType) => responseSerializerCompiler({ schema, method: 'GET', url: '/api/v1/test', httpStatus: '200' });

/**
 * The same JSON value as zod + JSON.stringify gave (fast-json-stringify puts
 * optional properties after the required ones, which no JSON reader sees),
 * escaped as JSON.stringify escapes: a lone surrogate as \ud800, never raw.
 */
function assertSameJson(written: string, zodOutput: unknown, message?: string) {
  assert.deepEqual(JSON.parse(written), JSON.parse(JSON.stringify(zodOutput)), message);
  assert.equal(written, JSON.stringify(JSON.parse(written)), message);
}

const user = {
  id: '01J0000000000000000000000A', username: 'ada', email: 'ada@example.com', name: 'Ada Lovelace',
  loginType: 'built-in', siteRole: 'member', status: 'suspended', suspendedReason: 'left "the" team\n', suspendedUntil: null,
  mustChangePassword: false, organizations: [{ id: 'o1', name: 'Default', role: 'org-member' }],
  createdAt: '2026-11-28T10:00:00.000Z', updatedAt: '2026-11-28T10:00:00.000Z', lastSeenAt: null,
};

test('valid responses are written as zod + JSON.stringify wrote them', () => {
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
    assertSameJson(serializerFor(schema)(data), schema.parse(data));
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

// Values for a JSON Schema (zod's own rendering of a schema), with the awkward
// cases in: any Unicode, lone surrogates, quotes and control characters, -0,
// huge numbers, absent optional properties, and properties no schema declares.
type Json = Record<string, unknown>;
const awkwardString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '\ud800', '\udfff', '😀', 'é', '<', '/'), maxLength: 60 }),
);
function valuesFor(schema: Json): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...(schema.anyOf as Json[]).map(valuesFor));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => valuesFor({ ...schema, type })));
  switch (schema.type) {
    case 'string': return awkwardString;
    case 'integer': return fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constant(-0));
    case 'number': return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      const items = schema.items;
      if (Array.isArray(items)) return fc.tuple(...(items as Json[]).map(valuesFor));
      return fc.array(valuesFor((items ?? {}) as Json), { maxLength: 3 });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const declared = fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, valuesFor(v)])), { requiredKeys: (schema.required ?? []) as string[] });
      const more = typeof schema.additionalProperties === 'object' ? fc.dictionary(fc.string({ maxLength: 8 }), valuesFor(schema.additionalProperties as Json), { maxKeys: 3 }) : fc.constant({});
      return fc.tuple(declared, more, fc.option(awkwardString)).map(([d, m, secret]) => ({ ...m, ...d, ...(secret === null ? {} : { undeclaredSecret: secret }) }));
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Every schema a route answers with, by the names its source gives them, and the error body every route has. */
function responseSchemas(): [string, z.ZodType][] {
  const exported = new Map(Object.entries({ ...audit, ...auth, ...common, ...orgs, ...settings, ...tokens, ...usersImport, ...users }));
  const routesDir = path.join(repoRoot, 'src/server/routes');
  const names = new Set(['ErrorBody']);
  for (const file of readdirSync(routesDir)) {
    for (const [, list] of readFileSync(path.join(routesDir, file), 'utf8').matchAll(/response: \{([^}]*)\}/g)) {
      for (const entry of list!.split(',')) names.add(entry.split(':')[1]!.trim());
    }
  }
  return [...names].map((name) => {
    const schema = exported.get(name);
    assert.ok(schema instanceof z.ZodType, `response schema ${name} is exported by a module in src/server/schemas`);
    return [name, schema];
  });
}

test('for every response schema of the API and any value zod accepts, the output is what zod + JSON.stringify wrote', () => {
  const schemas = responseSchemas();
  assert.ok(schemas.length > 20);
  for (const [name, schema] of schemas) {
    const write = serializerFor(schema);
    const values = valuesFor(z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as Json);
    let accepted = 0;
    fc.assert(fc.property(values, (value) => {
      const zod = z.safeEncode(schema, value);
      if (!zod.success) return;
      accepted++;
      assertSameJson(write(value), zod.data, name);
    }), { numRuns: 150 });
    assert.ok(accepted > 0, `${name}: no generated value was valid, so none was compared`);
  }
});
