import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { newId } from '../../src/domain/ids.js';
import {
  adminPassword, chosenPassword, client, createSignedInUser, databaseKinds, signIn, startServer, uniqueEmail, type TestServer,
} from '../helpers/harness.js';
import type { ApiUser } from '../../src/domain/user-view.js';

interface Page {
  users: ApiUser[];
  nextCursor: string | null;
}

const sorts = ['username', '-username', 'email', '-email', 'created', '-created', 'last_seen', '-last_seen'] as const;

/** A marker no other user in the suite shares: letters and digits only. */
const newMarker = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return `/api/v1/users?${search}`;
}

async function page(server: TestServer, params: Record<string, string | number | undefined>, token = server.adminToken): Promise<Page> {
  const response = await client(server.app, token).get(query(params));
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** Every page of a listing, following nextCursor. */
async function walk(server: TestServer, params: Record<string, string | number | undefined>): Promise<{ pages: Page[]; users: ApiUser[] }> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(server, { ...params, cursor });
    pages.push(next);
    cursor = next.nextCursor ?? undefined;
    assert.ok(pages.length < 100, 'pagination does not end');
  } while (cursor);
  return { pages, users: pages.flatMap((p) => p.users) };
}

async function usernames(server: TestServer, q: string): Promise<string[]> {
  return (await page(server, { q, limit: 100 })).users.map((u) => u.username).sort();
}

/** The order the API promises: the sort key, then the id in the same direction. */
function expectedOrder(users: ApiUser[], sort: (typeof sorts)[number]): string[] {
  const field = sort.replace(/^-/, '');
  const key = (u: ApiUser): string | number => {
    switch (field) {
      case 'username': return u.username.toLowerCase();
      case 'email': return u.email.toLowerCase();
      case 'created': return Date.parse(u.createdAt);
      default: return u.lastSeenAt ? Date.parse(u.lastSeenAt) : 0;
    }
  };
  const sign = sort.startsWith('-') ? -1 : 1;
  return [...users].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ka < kb ? -sign : sign;
    return a.id < b.id ? -sign : sign;
  }).map((u) => u.id);
}

function assertBadFilter(response: { statusCode: number; json(): any; body: string }, term: string): void {
  assert.equal(response.statusCode, 400, `${term}: ${response.body}`);
  assert.equal(response.json().code, 'BAD_FILTER', term);
  assert.ok(response.json().message.includes(term), `the message names ${term}: ${response.json().message}`);
  assert.equal(response.json().validations[0].field, 'q');
}

for (const kind of databaseKinds()) {
  describe(`GET /users lists, sorts, pages and filters [${kind}]`, () => {
    let server: TestServer;
    // Twelve users with a shared marker, created a second apart; four of them
    // signed in at different times, the rest never seen.
    const marker = newMarker('lst');
    const created: ApiUser[] = [];
    const words = ['kilo', 'alpha', 'juliet', 'charlie', 'lima', 'bravo', 'hotel', 'echo', 'golf', 'delta', 'india', 'foxtrot'];
    const roles = ['member', 'auditor', 'member', 'site-manager'] as const;
    const oidc = new Set([2, 5, 8, 11]);
    const signedIn = [3, 7, 1, 10];
    // Every other word capitalised, so a case-sensitive sort would put them first.
    const cased = (word: string, i: number) => (i % 2 === 0 ? word[0]!.toUpperCase() + word.slice(1) : word);

    before(async () => {
      server = await startServer(kind);
      const admin = client(server.app, server.adminToken);
      const passwords: string[] = [];
      for (let i = 0; i < words.length; i++) {
        server.clock.advance(1_000);
        const response = await admin.post('/api/v1/users', {
          username: `${marker}-${cased(words[i]!, i)}`,
          email: `${cased(words[(i * 5) % words.length]!, i)}.${marker}@example.com`,
          name: `Person ${i}`,
          loginType: oidc.has(i) ? 'oidc' : 'built-in',
          siteRole: roles[i % roles.length],
        });
        assert.equal(response.statusCode, 201, response.body);
        created.push(response.json().user);
        passwords.push(response.json().temporaryPassword);
      }
      for (const i of signedIn) {
        server.clock.advance(1_000);
        await signIn(server.app, created[i]!.email, passwords[i]!);
      }
    });
    after(async () => { await server.close(); });

    test('the default order is newest first', async () => {
      const { users } = await page(server, { q: marker });
      assert.deepEqual(users.map((u) => u.id), created.map((u) => u.id).reverse());
    });

    test('sorts by username, email, created and last seen, either direction', async () => {
      const { users } = await page(server, { q: marker, limit: 100 });
      assert.equal(users.length, 12);
      assert.equal(users.filter((u) => u.lastSeenAt !== null).length, signedIn.length);
      for (const sort of sorts) {
        const sorted = await page(server, { q: marker, sort, limit: 100 });
        assert.deepEqual(sorted.users.map((u) => u.id), expectedOrder(users, sort), sort);
      }
      // spot checks that do not depend on the helper above
      assert.equal((await page(server, { q: marker, sort: 'username', limit: 1 })).users[0]!.username, `${marker}-alpha`);
      assert.equal((await page(server, { q: marker, sort: '-email', limit: 1 })).users[0]!.email, `Lima.${marker}@example.com`);
      assert.equal((await page(server, { q: marker, sort: '-last_seen', limit: 1 })).users[0]!.id, created[10]!.id);
      assert.equal((await page(server, { q: marker, sort: 'created', limit: 1 })).users[0]!.id, created[0]!.id);
    });

    test('an unknown sort field is a 400 naming the sort parameter', async () => {
      for (const sort of ['name', '--created', 'created,username']) {
        const response = await client(server.app, server.adminToken).get(query({ sort }));
        assert.equal(response.statusCode, 400, sort);
        assert.equal(response.json().code, 'VALIDATION_FAILED');
        assert.equal(response.json().validations[0].field, 'sort');
      }
    });

    test('cursor pages of 5 visit every user exactly once in every sort order, ending with a null cursor', async () => {
      for (const sort of sorts) {
        const all = (await page(server, { q: marker, sort, limit: 100 })).users.map((u) => u.id);
        const { pages, users } = await walk(server, { q: marker, sort, limit: 5 });
        assert.deepEqual(pages.map((p) => p.users.length), [5, 5, 2], sort);
        assert.equal(pages.at(-1)!.nextCursor, null);
        assert.ok(pages.slice(0, -1).every((p) => typeof p.nextCursor === 'string'));
        assert.deepEqual(users.map((u) => u.id), all, sort);
        assert.equal(new Set(users.map((u) => u.id)).size, 12, `${sort}: no duplicates`);
      }
      // a page that ends exactly at the last user has no next cursor
      const exact = await walk(server, { q: marker, limit: 6 });
      assert.deepEqual(exact.pages.map((p) => p.users.length), [6, 6]);
    });

    test('users created in the same millisecond and never seen still page exactly once', async () => {
      const ties = newMarker('tie');
      const admin = client(server.app, server.adminToken);
      for (let i = 0; i < 7; i++) {
        const response = await admin.post('/api/v1/users', { email: `${ties}-${i}@example.com`, loginType: 'oidc' });
        assert.equal(response.statusCode, 201, response.body);
      }
      // Make every sort key equal so only the tie-break orders them.
      await server.db.kysely.updateTable('users').set({ created_at: server.clock.now() - 5_000 }).where('email', 'like', `${ties}-%`).execute();
      for (const sort of ['created', '-created', 'last_seen', '-last_seen'] as const) {
        const all = (await page(server, { q: ties, sort, limit: 100 })).users;
        assert.deepEqual(all.map((u) => u.id), expectedOrder(all, sort), sort);
        const { pages, users } = await walk(server, { q: ties, sort, limit: 3 });
        assert.deepEqual(pages.map((p) => p.users.length), [3, 3, 1], sort);
        assert.deepEqual(users.map((u) => u.id), all.map((u) => u.id), sort);
      }
    });

    test('limit is 1–100 and defaults to 25', async () => {
      for (const limit of ['0', '101', '-1', '2.5', 'ten']) {
        const response = await client(server.app, server.adminToken).get(query({ limit }));
        assert.equal(response.statusCode, 400, limit);
        assert.equal(response.json().code, 'VALIDATION_FAILED');
        assert.equal(response.json().validations[0].field, 'limit');
      }
      const one = await page(server, { q: marker, limit: 1 });
      assert.equal(one.users.length, 1);
      assert.equal(typeof one.nextCursor, 'string');
      assert.equal((await page(server, { q: marker, limit: 100 })).users.length, 12);

      const admin = client(server.app, server.adminToken);
      const filler = newMarker('fill');
      for (let i = 0; i < 26; i++) await admin.post('/api/v1/users', { email: `${filler}-${i}@example.com`, loginType: 'oidc' });
      const first = await page(server, {});
      assert.equal(first.users.length, 25);
      assert.equal(typeof first.nextCursor, 'string');
      assert.equal((await page(server, { q: filler })).users.length, 25);
    });

    test('a cursor from another sort order, or garbage, is 400 INVALID_CURSOR', async () => {
      const api = client(server.app, server.adminToken);
      const byUsername = (await page(server, { q: marker, sort: 'username', limit: 2 })).nextCursor!;
      const byCreated = (await page(server, { q: marker, limit: 2 })).nextCursor!;
      const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const cases: [Record<string, string>, string][] = [
        [{ sort: 'email', cursor: byUsername }, 'username cursor on email'],
        [{ sort: '-username', cursor: byUsername }, 'ascending cursor descending'],
        [{ sort: 'username', cursor: byCreated }, 'created cursor on username'],
        [{ cursor: 'not-a-cursor' }, 'garbage'],
        [{ cursor: forged(['a']) }, 'JSON of the wrong shape'],
        [{ cursor: forged({ s: '-created', v: 'yesterday', id: 'x' }) }, 'a text value for a time sort'],
        [{ sort: 'username', cursor: forged({ s: 'username', v: 42, id: 'x' }) }, 'a number for a text sort'],
      ];
      for (const [params, what] of cases) {
        const response = await api.get(query({ q: marker, ...params }));
        assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
        assert.equal(response.json().code, 'INVALID_CURSOR', what);
      }
      // the same cursors are fine where they belong
      assert.equal((await api.get(query({ q: marker, sort: 'username', limit: 2, cursor: byUsername }))).statusCode, 200);
      assert.equal((await api.get(query({ q: marker, sort: '-created', limit: 2, cursor: byCreated }))).statusCode, 200);
    });

    test('free text matches username, email or name as a case-insensitive substring; % and _ are literal', async () => {
      const text = newMarker('txt');
      const admin = client(server.app, server.adminToken);
      const make = async (fields: Record<string, string>) => {
        const response = await admin.post('/api/v1/users', { email: uniqueEmail(), loginType: 'oidc', ...fields });
        assert.equal(response.statusCode, 201, response.body);
        return response.json().user.username as string;
      };
      const byUsername = await make({ username: `u-${text}-one`, name: 'Plain Name' });
      const byEmail = await make({ email: `mail.${text}@example.com`, username: `e-${newMarker('')}`, name: 'Plain Name' });
      const byName = await make({ name: `Ada ${text.toUpperCase()} Lovelace` });
      const percent = await make({ name: `Sale 100% ${text}` });
      const noPercent = await make({ name: `Sale 1000 ${text}` });
      const underscore = await make({ name: `under_score ${text}` });
      const noUnderscore = await make({ name: `underXscore ${text}` });

      assert.deepEqual(await usernames(server, text.toUpperCase()), [byUsername, byEmail, byName, percent, noPercent, underscore, noUnderscore].sort());
      // words that random hex (usernames derived from uniqueEmail) can never contain, so no stray match
      assert.deepEqual(await usernames(server, `${text} lovelace`), [byName]);
      assert.deepEqual(await usernames(server, `"ada ${text}"`), [byName], 'a quoted phrase');
      assert.deepEqual(await usernames(server, `${text} 100%`), [percent]);
      assert.deepEqual(await usernames(server, `${text} %`), [percent]);
      assert.deepEqual(await usernames(server, `${text} under_score`), [underscore]);
      assert.deepEqual(await usernames(server, `${text} _`), [underscore]);
      assert.deepEqual(await usernames(server, `${text} nothing-like-this`), []);

      // names are not only ASCII: case folding must not stop at Z
      const accented = await make({ name: `Émile Øyvind ${text}` });
      for (const word of ['Émile', 'émile', 'ÉMILE', 'øyvind', 'ØYVIND', 'mile']) {
        assert.deepEqual(await usernames(server, `${text} ${word}`), [accented], word);
      }
    });

    test('role:, login_type: and status: narrow the list; repeating a key means either', async () => {
      assert.deepEqual(await usernames(server, `${marker} role:auditor`), [1, 5, 9].map((i) => created[i]!.username).sort());
      assert.deepEqual(await usernames(server, `${marker} role:auditor role:site-manager`), [1, 3, 5, 7, 9, 11].map((i) => created[i]!.username).sort());
      assert.deepEqual(await usernames(server, `${marker} ROLE:Site-Manager`), [3, 7, 11].map((i) => created[i]!.username).sort());
      assert.deepEqual(await usernames(server, `${marker} login_type:oidc`), [...oidc].map((i) => created[i]!.username).sort());
      assert.equal((await usernames(server, `${marker} login_type:built-in`)).length, 8);
      assert.deepEqual(await usernames(server, `${marker} login_type:oidc role:member`), [2, 8].map((i) => created[i]!.username).sort());
      assert.deepEqual(await usernames(server, 'role:site-admin'), ['admin']);

      const { user } = await createSignedInUser(server, 'member', `${marker}.suspended@example.com`);
      const admin = client(server.app, server.adminToken);
      assert.equal((await admin.post(`/api/v1/users/${user.id}/suspend`, { reason: 'listed' })).statusCode, 200);
      assert.deepEqual(await usernames(server, `${marker} status:suspended`), [user.username]);
      assert.equal((await usernames(server, `${marker} status:active`)).length, 12);
      assert.equal((await usernames(server, `${marker} status:active status:suspended`)).length, 13);
      assert.deepEqual(await usernames(server, `${marker} status:dormant`), []);
      // a suspension that has run out no longer counts
      const lapsed = (await admin.post('/api/v1/users', { email: `${marker}.lapsed@example.com`, loginType: 'oidc' })).json().user;
      await admin.post(`/api/v1/users/${lapsed.id}/suspend`, { until: new Date(server.clock.now() + 60_000).toISOString() });
      assert.deepEqual(await usernames(server, `${marker} status:suspended`), [user.username, lapsed.username].sort());
      server.clock.advance(61_000);
      assert.deepEqual(await usernames(server, `${marker} status:suspended`), [user.username]);
      assert.ok((await usernames(server, `${marker} status:active`)).includes(lapsed.username));
      assert.equal((await admin.delete(`/api/v1/users/${user.id}`)).statusCode, 204);
      assert.equal((await admin.delete(`/api/v1/users/${lapsed.id}`)).statusCode, 204);
    });

    test('org: matches membership by name (any case, quoted if it has spaces) or id', async () => {
      const orgName = `Platform Team ${newMarker('')}`;
      const now = server.clock.now();
      const orgId = newId(now);
      // No orgs API yet: the organization goes in directly.
      await server.db.kysely.insertInto('orgs').values({ id: orgId, name: orgName, description: '', is_default: 0, default_role: 'org-member', created_at: now, updated_at: now }).execute();
      const outsider = await client(server.app, server.adminToken).post('/api/v1/users', { email: `${marker}.outsider@example.com`, loginType: 'oidc', organizations: [orgId] });
      assert.equal(outsider.statusCode, 201, outsider.body);
      const username = outsider.json().user.username;

      const everyone = created.map((u) => u.username);
      assert.deepEqual(await usernames(server, `${marker} org:Default`), everyone.sort());
      assert.deepEqual(await usernames(server, `${marker} org:default`), everyone.sort());
      assert.deepEqual(await usernames(server, `${marker} org:"${orgName.toUpperCase()}"`), [username]);
      assert.deepEqual(await usernames(server, `${marker} org:${orgId}`), [username]);
      assert.deepEqual(await usernames(server, `${marker} org:nowhere`), []);
      assert.equal((await client(server.app, server.adminToken).delete(`/api/v1/users/${username}`)).statusCode, 204);
    });

    test("every listed user shows its organizations as its own view does: first and next pages, a search, the export, the session check", async () => {
      const admin = client(server.app, server.adminToken);
      const suffix = newMarker('');
      const orgIds: string[] = [];
      for (const name of [`Zeta ${suffix}`, `Alpha ${suffix}`]) {
        const response = await admin.post('/api/v1/orgs', { name });
        assert.equal(response.statusCode, 201, response.body);
        orgIds.push(response.json().org.id);
      }
      const [zeta, alpha] = orgIds as [string, string];
      const [three, one, none] = [created[0]!, created[1]!, created[2]!];
      const defaultOrg = one.organizations[0]!.id;
      // Three organizations (listed by name: Alpha, Default, Zeta), one, and none.
      assert.equal((await admin.post(`/api/v1/orgs/${zeta}/members`, { user: three.id, role: 'org-manager' })).statusCode, 201);
      assert.equal((await admin.post(`/api/v1/orgs/${alpha}/members`, { user: three.id })).statusCode, 201);
      assert.equal((await admin.post(`/api/v1/orgs/${alpha}/members`, { user: one.id, role: 'org-manager' })).statusCode, 201);
      assert.equal((await admin.delete(`/api/v1/orgs/${defaultOrg}/members/${one.id}`)).statusCode, 204);
      // Every user keeps a membership through the API (SPEC §1.1); a user without any is still shown right.
      await server.db.kysely.deleteFrom('org_members').where('user_id', '=', none.id).execute();

      const views = new Map<string, ApiUser['organizations']>();
      for (const user of created) views.set(user.id, (await admin.get(`/api/v1/users/${user.id}`)).json().user.organizations);
      assert.deepEqual(views.get(three.id)!.map((o) => o.name), [`Alpha ${suffix}`, 'Default', `Zeta ${suffix}`]);
      assert.deepEqual(views.get(one.id), [{ id: alpha, name: `Alpha ${suffix}`, role: 'org-manager' }]);
      assert.deepEqual(views.get(none.id), []);

      const listings = [
        (await walk(server, { limit: 5 })).users, // the unfiltered page and its next pages
        (await walk(server, { q: marker, limit: 5 })).users, // a search
        (await walk(server, { q: `${marker} role:member`, sort: 'username', limit: 2 })).users,
      ];
      for (const users of listings) {
        const ours = users.filter((u) => views.has(u.id));
        assert.ok(ours.length >= 3);
        for (const user of ours) assert.deepEqual(user.organizations, views.get(user.id), user.username);
      }
      const csv = await admin.get(`/api/v1/users/export.csv?q=${encodeURIComponent(marker)}`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, new RegExp(`${three.id},[^\\n]*,"?Alpha ${suffix}; Default; Zeta ${suffix}"?,`));
      // The session check answers with the same memberships, read with the session on PostgreSQL, and sees a change at once.
      const signedIn = await createSignedInUser(server, 'member');
      assert.equal((await admin.post(`/api/v1/orgs/${zeta}/members`, { user: signedIn.user.id, role: 'org-manager' })).statusCode, 201);
      assert.equal((await admin.post(`/api/v1/orgs/${alpha}/members`, { user: signedIn.user.id })).statusCode, 201);
      const own = async () => (await signedIn.api.get('/api/v1/users/me')).json().user.organizations as ApiUser['organizations'];
      const viewed = async () => (await admin.get(`/api/v1/users/${signedIn.user.id}`)).json().user.organizations as ApiUser['organizations'];
      assert.deepEqual((await own()).map((o) => o.name), [`Alpha ${suffix}`, 'Default', `Zeta ${suffix}`]);
      assert.deepEqual(await own(), await viewed());
      assert.equal((await admin.delete(`/api/v1/orgs/${zeta}/members/${signedIn.user.id}`)).statusCode, 204);
      assert.deepEqual((await own()).map((o) => o.name), [`Alpha ${suffix}`, 'Default']);
      assert.equal((await admin.delete(`/api/v1/users/${signedIn.user.id}`)).statusCode, 204);

      // As they were, for the tests after this one.
      for (const user of [one, none]) assert.equal((await admin.post(`/api/v1/orgs/${defaultOrg}/members`, { user: user.id, role: user.organizations[0]!.role })).statusCode, 201);
      assert.equal((await admin.delete(`/api/v1/orgs/${alpha}/members/${one.id}`)).statusCode, 204);
    });

    test('created_after:/created_before: take a date or a time; last_seen_before: counts never-seen users as seen before', async () => {
      const dateOf = (iso: string) => iso.slice(0, 10);
      const day = dateOf(created[0]!.createdAt);
      const dayStart = Date.parse(`${day}T00:00:00Z`);
      const nextDay = dateOf(new Date(dayStart + 86_400_000).toISOString());
      const names = (pick: (u: ApiUser) => boolean) => created.filter(pick).map((u) => u.username).sort();

      assert.deepEqual(await usernames(server, `${marker} created_after:${day}`), names((u) => Date.parse(u.createdAt) >= dayStart));
      assert.deepEqual(await usernames(server, `${marker} created_before:${day}`), names((u) => Date.parse(u.createdAt) < dayStart));
      assert.deepEqual(await usernames(server, `${marker} created_before:${nextDay}`), names((u) => Date.parse(u.createdAt) < dayStart + 86_400_000));
      assert.deepEqual(await usernames(server, `${marker} created_after:${nextDay}`), names((u) => Date.parse(u.createdAt) >= dayStart + 86_400_000));

      const sixth = created[5]!.createdAt;
      assert.deepEqual(await usernames(server, `${marker} created_after:${sixth}`), created.slice(5).map((u) => u.username).sort());
      assert.deepEqual(await usernames(server, `${marker} created_before:${sixth}`), created.slice(0, 5).map((u) => u.username).sort());
      assert.deepEqual(await usernames(server, `${marker} created_after:${created[2]!.createdAt} created_before:${created[4]!.createdAt}`), [2, 3].map((i) => created[i]!.username).sort());

      // signed in: 3, then 7, then 1, then 10, a second apart
      const seen = (await page(server, { q: marker, limit: 100 })).users;
      const lastSeen = (i: number) => seen.find((u) => u.id === created[i]!.id)!.lastSeenAt!;
      const neverSeen = created.filter((_, i) => !signedIn.includes(i)).map((u) => u.username);
      assert.deepEqual(await usernames(server, `${marker} last_seen_before:${lastSeen(1)}`), [...neverSeen, created[3]!.username, created[7]!.username].sort());
      assert.deepEqual(await usernames(server, `${marker} last_seen_after:${lastSeen(1)}`), [created[1]!.username, created[10]!.username].sort());
    });

    test('a bad term is a 400 BAD_FILTER whose message names it', async () => {
      const api = client(server.app, server.adminToken);
      for (const term of ['foo:bar', 'role:king', 'status:sleeping', 'login_type:saml', 'created_after:yesterday', 'created_before:2026-02-30', 'last_seen_after:2026-04-31T10:00:00Z', 'last_seen_before:2026-13-45', '"unbalanced', 'org:"Platform', 'status:', 'role:""']) {
        assertBadFilter(await api.get(query({ q: `${marker} ${term}` })), term);
      }
    });

    test('a member may not list users; an auditor may', async () => {
      const { api: member } = await createSignedInUser(server, 'member');
      const response = await member.get(query({ q: marker }));
      assert.equal(response.statusCode, 403);
      assert.equal(response.json().code, 'FORBIDDEN');
      const { token } = await createSignedInUser(server, 'auditor');
      assert.equal((await page(server, { q: marker }, token)).users.length, 12);
    });
  });

  describe(`GET /users status:dormant [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });

    test('users without activity for 90 days are dormant until they sign in again', async () => {
      const marker = newMarker('dor');
      const { user: sleeper } = await createSignedInUser(server, 'member', `${marker}.sleeper@example.com`);
      server.clock.advance(89 * 86_400_000);
      const token = await signIn(server.app, 'admin', adminPassword); // the first session has long expired
      const admin = client(server.app, token);
      const recent = (await admin.post('/api/v1/users', { email: `${marker}.recent@example.com`, loginType: 'oidc' })).json().user;
      const list = async (q: string) => (await page(server, { q, limit: 100 }, token)).users.map((u) => u.username).sort();
      assert.deepEqual(await list(`${marker} status:dormant`), [], '89 days is not yet dormant');
      server.clock.advance(2 * 86_400_000);

      assert.deepEqual(await list(`${marker} status:dormant`), [sleeper.username]);
      assert.deepEqual(await list(`${marker} status:active`), [recent.username]);
      assert.equal((await admin.get(`/api/v1/users/${sleeper.id}`)).json().user.status, 'dormant');

      await signIn(server.app, sleeper.email, chosenPassword);
      assert.equal((await admin.get(`/api/v1/users/${sleeper.id}`)).json().user.status, 'active');
      assert.deepEqual(await list(`${marker} status:dormant`), []);
      assert.deepEqual(await list(`${marker} status:active`), [sleeper.username, recent.username].sort());
    });
  });
}
