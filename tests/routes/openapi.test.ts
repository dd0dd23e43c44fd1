// The OpenAPI document (SPEC §6.2) is generated from the route schemas: it
// must be a valid OpenAPI 3.1 document and describe every route there is.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer, type TestServer } from '../helpers/harness.js';

// Routes that are not part of the API: the document itself, its viewer, and the web UI's pages.
const undocumented = new Set(['GET /api/v1/openapi.json', 'GET /api/docs', 'GET /api/docs/init.js', 'GET /api/docs/assets/:file', 'GET /*']);

describe('the OpenAPI document', () => {
  let server: TestServer;
  let document: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>> };
  before(async () => {
    server = await startServer('sqlite');
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(response.statusCode, 200);
    document = response.json();
  });
  after(async () => { await server.close(); });

  test('is valid OpenAPI 3.1 according to a real validator', async () => {
    assert.equal(document.openapi, '3.1.0');
    const result = await new Validator().validate(document as never);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 3000));
  });

  test('describes every registered route, with its parameters and its error shape', () => {
    for (const route of server.app.routeList) {
      const key = `${route.method} ${route.url}`;
      if (undocumented.has(key)) continue;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      assert.ok(operation, `${key} is missing from the document`);
      for (const name of route.url.match(/:(\w+)/g) ?? []) {
        assert.ok(operation.parameters?.some((p) => p.in === 'path' && p.name === name.slice(1)), `${key} lacks path parameter ${name}`);
      }
      if (path.startsWith('/api/')) assert.ok(operation.responses['4XX'] ?? operation.responses['4xx'], `${key} does not document its errors`);
    }
  });

  test('documents request bodies from the same schemas that validate them', () => {
    const create = document.paths['/api/v1/users']!.post as unknown as { requestBody: { content: Record<string, { schema: { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean } }> } };
    const schema = create.requestBody.content['application/json']!.schema;
    assert.deepEqual([...schema.required].sort(), ['email', 'loginType']);
    assert.equal(schema.additionalProperties, false);
    assert.ok('organizations' in schema.properties);
  });

  test('/api/docs serves a browsable viewer built from local files only', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(page.body, /https?:\/\//, 'nothing fetched from elsewhere');
    for (const asset of ['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/assets/swagger-ui.css', '/api/docs/init.js']) {
      assert.equal((await server.app.inject({ method: 'GET', url: asset })).statusCode, 200, asset);
    }
    assert.equal((await server.app.inject({ method: 'GET', url: '/api/docs/assets/..%2Fpackage.json' })).statusCode, 404);
  });
});
