// The `roster orgs`, `orgs members`, `images`, `tokens` and `audit` commands as
// real processes against a real server, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { databaseKinds } from '../helpers/harness.js';
import {
  assertFails, assertOk, labelled, startClientFixture, tableRows, type ClientFixture,
} from '../helpers/cli-client.js';
import { killAll } from '../helpers/process.js';

for (const kind of databaseKinds()) {
  describe(`roster orgs, images, tokens and audit against a real server [${kind}]`, () => {
    let f: ClientFixture;
    before(async () => {
      f = await startClientFixture(kind);
    });
    after(async () => {
      await killAll();
      await f?.close();
    });

    async function makeUser(username: string) {
      const created = await f.api.post('/api/v1/users', { email: `${username}@example.com`, username, loginType: 'built-in' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.user as { id: string; username: string };
    }

    test('orgs create, ls, show, edit and delete round-trip; delete asks for --yes without a terminal', async () => {
      const created = JSON.parse(assertOk(await f.roster([
        'orgs', 'create', 'Engineering', '--description', 'Product engineering', '--default-role', 'org-manager', '-o', 'json',
      ])).stdout);
      assert.equal(created.name, 'Engineering');
      assert.equal(created.default, false);
      assert.equal(created.defaultRole, 'org-manager');

      const listed = JSON.parse(assertOk(await f.roster(['orgs', 'ls', '-o', 'json'])).stdout);
      assert.deepEqual(listed, (await f.api.get('/api/v1/orgs')).body.orgs);
      const table = tableRows(assertOk(await f.roster(['orgs', 'ls'])).stdout);
      assert.deepEqual(table.find((row) => row.NAME === 'Engineering'), {
        NAME: 'Engineering', DESCRIPTION: 'Product engineering', DEFAULT: 'no', 'DEFAULT ROLE': 'org-manager', CREATED: table.find((row) => row.NAME === 'Engineering')!.CREATED,
      });
      assert.match(assertOk(await f.roster(['orgs', 'show', created.id])).stdout, /^Name: +Engineering$/m);

      const edited = JSON.parse(assertOk(await f.roster(['orgs', 'edit', 'Engineering', '--name', 'Platform', '--default', '-o', 'json'])).stdout);
      assert.equal(edited.name, 'Platform');
      assert.equal(edited.default, true);
      const undefaulted = JSON.parse(assertOk(await f.roster(['orgs', 'edit', 'Platform', '--no-default', '-o', 'json'])).stdout);
      assert.equal(undefaulted.default, false);
      assert.deepEqual(JSON.parse(assertOk(await f.roster(['orgs', 'show', 'Platform', '-o', 'json'])).stdout), (await f.api.get(`/api/v1/orgs/${created.id}`)).body.org);

      assertFails(await f.roster(['orgs', 'create', 'Platform']), 1, /already has this name/);
      assertFails(await f.roster(['orgs', 'delete', 'Default', '--yes']), 1, /last default organization/);

      assertFails(await f.roster(['orgs', 'delete', 'Platform']), 2, /pass --yes/);
      assert.equal((await f.api.get(`/api/v1/orgs/${created.id}`)).status, 200, 'not deleted without --yes');
      assertOk(await f.roster(['orgs', 'delete', 'Platform', '--yes']));
      assert.equal((await f.api.get(`/api/v1/orgs/${created.id}`)).status, 404);
    });

    test('orgs members add, ls, role and rm round-trip; rm asks for --yes without a terminal', async () => {
      const org = (await f.api.post('/api/v1/orgs', { name: 'Research' })).body.org;
      const user = await makeUser('member-one');

      const added = JSON.parse(assertOk(await f.roster(['orgs', 'members', 'add', 'Research', 'member-one', '--role', 'org-manager', '-o', 'json'])).stdout);
      assert.equal(added.user.id, user.id);
      assert.equal(added.role, 'org-manager');
      assertFails(await f.roster(['orgs', 'members', 'add', 'Research', 'member-one']), 1, /already a member/);

      const rows = tableRows(assertOk(await f.roster(['orgs', 'members', 'ls', 'Research'])).stdout);
      assert.deepEqual(rows.map((row) => [row.USERNAME, row.EMAIL, row.ROLE]), [['member-one', 'member-one@example.com', 'org-manager']]);

      assert.match(assertOk(await f.roster(['orgs', 'members', 'role', 'Research', 'member-one', 'org-member'])).stdout, /member-one is org-member of Research/);
      const listed = JSON.parse(assertOk(await f.roster(['orgs', 'members', 'ls', org.id, '--all', '-o', 'json'])).stdout);
      assert.deepEqual(listed, (await f.api.get(`/api/v1/orgs/${org.id}/members`)).body.members);
      assert.equal(listed[0].role, 'org-member');

      assertFails(await f.roster(['orgs', 'members', 'rm', 'Research', 'member-one']), 2, /remove member-one from organization Research.*pass --yes/s);
      assert.equal((await f.api.get(`/api/v1/orgs/${org.id}/members`)).body.members.length, 1);
      assertOk(await f.roster(['orgs', 'members', 'rm', 'Research', 'member-one', '--yes']));
      assert.equal((await f.api.get(`/api/v1/orgs/${org.id}/members`)).body.members.length, 0);
      const empty = assertOk(await f.roster(['orgs', 'members', 'ls', 'Research']));
      assert.equal(empty.stdout, '');
      assert.match(empty.stderr, /no members/);
    });

    test('images add, ls (yours, and one organization\'s), edit and rm round-trip; rm asks for --yes without a terminal', async () => {
      await f.api.post('/api/v1/orgs', { name: 'Labs' });
      const added = JSON.parse(assertOk(await f.roster([
        'images', 'add', 'Labs', '--name', 'Python', '--repository', 'registry.example.com/python', '--tag', '3.12', '--description', 'CPython', '-o', 'json',
      ])).stdout);
      assert.equal(added.repository, 'registry.example.com/python');
      // The admin is a member of Default only: the image they may use shows up under `images ls`.
      const usable = JSON.parse(assertOk(await f.roster(['images', 'add', 'Default', '--name', 'Node', '--repository', 'node', '--tag', '22', '-o', 'json'])).stdout);

      const labs = JSON.parse(assertOk(await f.roster(['images', 'ls', '--org', 'Labs', '-o', 'json'])).stdout);
      assert.deepEqual(labs, (await f.api.get('/api/v1/orgs/Labs/images')).body.images);
      assert.deepEqual(labs.map((i: { id: string }) => i.id), [added.id]);
      const mine = JSON.parse(assertOk(await f.roster(['images', 'ls', '-o', 'json'])).stdout);
      assert.deepEqual(mine, (await f.api.get('/api/v1/images')).body.images);
      assert.ok(mine.some((i: { id: string }) => i.id === usable.id));
      const table = tableRows(assertOk(await f.roster(['images', 'ls', '--org', 'Labs'])).stdout);
      assert.deepEqual(table, [{ ID: added.id, ORGANIZATION: 'Labs', NAME: 'Python', IMAGE: 'registry.example.com/python:3.12', DESCRIPTION: 'CPython' }]);

      const invalid = assertFails(await f.roster(['images', 'add', 'Labs', '--name', 'Bad', '--repository', 'Not A Repo', '--tag', 'x']), 1);
      assert.match(invalid.stderr, /repository: /);
      assertFails(await f.roster(['images', 'add', 'Labs', '--name', 'No tag', '--repository', 'x']), 2, /--tag/);

      const edited = JSON.parse(assertOk(await f.roster(['images', 'edit', added.id, '--tag', '3.13', '-o', 'json'])).stdout);
      assert.equal(edited.tag, '3.13');
      assert.equal((await f.api.get('/api/v1/orgs/Labs/images')).body.images[0].tag, '3.13');

      assertFails(await f.roster(['images', 'rm', added.id]), 2, /pass --yes/);
      assert.equal((await f.api.get('/api/v1/orgs/Labs/images')).body.images.length, 1);
      assertOk(await f.roster(['images', 'rm', added.id, '--yes']));
      assert.equal((await f.api.get('/api/v1/orgs/Labs/images')).body.images.length, 0);
      assertFails(await f.roster(['images', 'rm', added.id, '--yes']), 1);
    });

    test('tokens create prints the token once and it works as ROSTER_TOKEN; ls lists it; rm by name asks for --yes, then revokes it (exit 3)', async () => {
      const created = assertOk(await f.roster(['tokens', 'create', 'ci', '--lifetime', '30d']));
      const token = labelled(created.stdout, 'Token')!;
      assert.match(token, /^roster_\S+$/);
      assert.equal(created.stdout.split(token).length, 2, 'printed exactly once');
      const asCi = { ROSTER_TOKEN: token };
      assert.equal(JSON.parse(assertOk(await f.roster(['users', 'show', 'me', '-o', 'json'], asCi)).stdout).username, 'admin');

      const listed = JSON.parse(assertOk(await f.roster(['tokens', 'ls', '-o', 'json'])).stdout);
      assert.deepEqual(listed, (await f.api.get('/api/v1/users/me/tokens')).body.tokens);
      const ci = listed.find((t: { name: string }) => t.name === 'ci');
      const days = (Date.parse(ci.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
      assert.ok(!JSON.stringify(listed).includes(token), 'ls never shows a secret');
      const rows = tableRows(assertOk(await f.roster(['tokens', 'ls'])).stdout);
      assert.deepEqual(rows.map((row) => row.NAME).sort(), ['ci', 'cli-tests']);

      const json = JSON.parse(assertOk(await f.roster(['tokens', 'create', 'deploy', '-o', 'json'])).stdout);
      assert.equal(json.name, 'deploy');
      assert.match(json.token, /^roster_/);
      assertFails(await f.roster(['tokens', 'create', 'deploy']), 1, /already a token named "deploy"/);
      assertFails(await f.roster(['tokens', 'create', 'long', '--lifetime', '9999d']), 1, /at most 365 days/);

      const someone = await makeUser('token-owner');
      assertOk(await f.roster(['tokens', 'create', 'theirs', '--user', someone.username]));
      assert.deepEqual(JSON.parse(assertOk(await f.roster(['tokens', 'ls', '--user', someone.username, '-o', 'json'])).stdout).map((t: { name: string }) => t.name), ['theirs']);

      assertFails(await f.roster(['tokens', 'rm', 'ci']), 2, /pass --yes/);
      assertOk(await f.roster(['users', 'show', 'me'], asCi));
      assertOk(await f.roster(['tokens', 'rm', 'ci', '--yes']));
      assertFails(await f.roster(['users', 'show', 'me'], asCi), 3, /token was refused/);
      assertOk(await f.roster(['tokens', 'rm', json.id, '--yes']));
      assertFails(await f.roster(['tokens', 'rm', 'ci', '--yes']), 1, /No token "ci"/);
    });

    test('audit ls filters and pages the log; audit export streams the CSV to a file or stdout, and a refused export leaves no file', async () => {
      await f.api.post('/api/v1/orgs', { name: 'Audited' });
      await f.api.patch('/api/v1/orgs/Audited', { description: 'changed' });

      const entries = JSON.parse(assertOk(await f.roster(['audit', 'ls', '--resource-type', 'org', '--target', 'Audited', '-o', 'json'])).stdout);
      assert.deepEqual(entries.map((e: { action: string }) => e.action), ['write', 'create'], 'newest first');
      assert.ok(entries.every((e: { actor: { email: string } }) => e.actor.email === 'admin@roster.local'));
      const table = tableRows(assertOk(await f.roster(['audit', 'ls', '--resource-type', 'org', '--action', 'create', '--target', 'Audited'])).stdout);
      assert.deepEqual(table.map((row) => [row.ACTOR, row.ACTION, row.RESOURCE, row.TARGET, row.RESULT]), [['admin@roster.local', 'create', 'org', 'Audited', 'success']]);

      const total = (await f.api.get('/api/v1/audit?limit=100')).body.entries.length as number;
      assert.ok(total > 3 && total < 100, `${total} entries`);
      const [page, all] = await Promise.all([
        f.roster(['audit', 'ls', '--limit', '2', '-o', 'json']),
        f.roster(['audit', 'ls', '--limit', '3', '--all', '-o', 'json']),
      ]);
      assert.equal(JSON.parse(assertOk(page).stdout).length, 2);
      assert.match(page.stderr, /--all/);
      assert.ok(JSON.parse(assertOk(all).stdout).length >= total);
      assertFails(await f.roster(['audit', 'ls', '--since', 'yesterday']), 1, /since/);

      const file = path.join(f.configDir(), 'audit.csv');
      assertOk(await f.roster(['audit', 'export', '--resource-type', 'org', '--target', 'Audited', '--output', file]));
      const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((row) => [row.action, row.resource_type, row.target_name, row.actor_email, row.result]), [
        ['write', 'org', 'Audited', 'admin@roster.local', 'success'],
        ['create', 'org', 'Audited', 'admin@roster.local', 'success'],
      ]);
      assert.deepEqual(JSON.parse(rows[0]!.diff!), { description: ['', 'changed'] });

      const toStdout = assertOk(await f.roster(['audit', 'export', '--action', 'create', '--resource-type', 'org']));
      const created = parse(toStdout.stdout, { columns: true }) as Record<string, string>[];
      assert.ok(created.length >= 1 && created.every((row) => row.action === 'create' && row.resource_type === 'org'));

      const refused = path.join(f.configDir(), 'refused.csv');
      assertFails(await f.roster(['audit', 'export', '--since', 'not-a-time', '--output', refused]), 1, /since/);
      assert.equal(existsSync(refused), false);
    });
  });
}
