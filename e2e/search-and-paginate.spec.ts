// The "All Users" card with ~30 users: the search box speaks the filter
// grammar (a bad term shows the server's message), and "Rows per page" with
// "Next page"/"Previous page" walk through the list without repeats.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ApiFailure, type ApiUser } from './helpers/api.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { alertTexts, button, chooseOption, eventually, selectedOption, signIn } from './helpers/ui.js';
import { expectUsernames, openUsersPage, usernamesShown } from './helpers/users-page.js';

describe('search and paginate the users', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let admin: Page;
  let people: ApiUser[];
  const auditors = ['pat-05', 'pat-15', 'pat-25'];

  before(async () => {
    const api = await roster.admin();
    people = await api.createMany('pat', 30, (i) => (i % 10 === 5 ? { siteRole: 'auditor' } : {}));
  });

  async function search(text: string): Promise<void> {
    const box = admin.getByRole('textbox', { name: 'Search users', exact: true });
    await box.fill(text);
  }

  test('the first page shows 25 of the 31 users, with a Next page', flow, async () => {
    assert.equal(people.length, 30);
    admin = await roster.newPage();
    await signIn(admin, 'admin', adminPassword);
    await openUsersPage(admin);
    await eventually(async () => assert.equal((await usernamesShown(admin)).length, 25));
    assert.equal(await button(admin, 'Next page').isEnabled(), true);
  });

  test('free text narrows the table to the users it matches', flow, async () => {
    await search('pat-07');
    await expectUsernames(admin, ['pat-07']);
    await search('pat-1');
    await expectUsernames(admin, ['pat-10', 'pat-11', 'pat-12', 'pat-13', 'pat-14', 'pat-15', 'pat-16', 'pat-17', 'pat-18', 'pat-19']);
  });

  test('`role:auditor` narrows the table to the auditors', flow, async () => {
    await search('role:auditor');
    await expectUsernames(admin, auditors);
    for (const username of auditors) assert.equal(await selectedOption(admin, `Site role for ${username}`), 'Auditor');
  });

  test('a bad term like `foo:bar` shows the server\'s message in an alert', flow, async () => {
    const api = await roster.admin();
    const refused = await api.request('GET', '/api/v1/users?q=foo%3Abar').then(() => null, (error: unknown) => error);
    assert.ok(refused instanceof ApiFailure && refused.status === 400, 'the server refuses foo:bar');
    const message = (refused.body as { message: string }).message;
    await search('foo:bar');
    await eventually(async () => {
      const texts = await alertTexts(admin);
      assert.ok(texts.some((t) => t.includes(message)), `an alert with ${JSON.stringify(message)}, got ${JSON.stringify(texts)}`);
    });
  });

  test('"Rows per page" 10 and "Next page"/"Previous page" walk through distinct users', flow, async () => {
    const page = (from: number, size = 10) => Array.from({ length: size }, (_, k) => `pat-${String(from + k).padStart(2, '0')}`);
    // Each step waits for the table to show its result, as a person would.
    await search('pat');
    await eventually(async () => assert.equal((await usernamesShown(admin)).filter((u) => u.startsWith('pat-')).length, 25));
    await chooseOption(admin, 'Sort by', 'Username A–Z');
    await expectUsernames(admin, page(1, 25), { ordered: true });
    await chooseOption(admin, 'Rows per page', '10');
    await expectUsernames(admin, page(1), { ordered: true });
    assert.equal(await button(admin, 'Previous page').isDisabled(), true, 'no Previous page on the first page');

    await button(admin, 'Next page').click();
    await expectUsernames(admin, page(11), { ordered: true });
    await button(admin, 'Next page').click();
    await expectUsernames(admin, page(21), { ordered: true });
    await eventually(async () => assert.equal(await button(admin, 'Next page').isDisabled(), true, 'no Next page after the last'));

    await button(admin, 'Previous page').click();
    await expectUsernames(admin, page(11), { ordered: true });
    await button(admin, 'Previous page').click();
    await expectUsernames(admin, page(1), { ordered: true });
  });
});
