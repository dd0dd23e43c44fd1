// Bulk actions on Manage > Users, as a site manager: select the page, then
// "all N users matching this filter", Suspend: the dry run lists the other
// site manager as refused and the rest as would change, nothing changes until
// Apply, then the results and the table show it. Also two rows > Change role.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { assertNoSeriousA11yViolations } from './helpers/axe.js';
import type { ApiUser, RosterApi } from './helpers/api.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseOption, eventually, selectedOption, settle, signIn } from './helpers/ui.js';
import { dialog, expectUsernames, openUsersPage } from './helpers/users-page.js';

describe('bulk actions on the users', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let api: RosterApi;
  let manager: { user: ApiUser; password: string };
  let page: Page;
  // blk-13 is a site manager: a site manager may not suspend another one.
  const protectedOne = 'blk-13';

  before(async () => {
    api = await roster.admin();
    manager = await api.createUserWithPassword({ email: 'boss@example.com', username: 'boss', name: 'Boss Person', siteRole: 'site-manager' });
    await api.createMany('blk', 30, (i) => (i === 13 ? { siteRole: 'site-manager' } : i % 7 === 0 ? { siteRole: 'auditor' } : {}));
  });

  const checkbox = (name: string) => page.getByRole('checkbox', { name, exact: true });
  /** A row by its "Select <username>" checkbox: rows the actor may not act on have no ⋮ menu. */
  const row = (username: string): Locator => page.getByRole('row').filter({ has: checkbox(`Select ${username}`) });
  const statuses = async (q: string) => {
    const { users } = await api.request<{ users: ApiUser[] }>('GET', `/api/v1/users?${new URLSearchParams({ q, limit: '100' })}`);
    return new Map(users.map((u) => [u.username, u.status]));
  };

  test('select the page, then all 30 matching "blk", and Suspend: a dry run first, then Apply', flow, async () => {
    page = await roster.newPage();
    await signIn(page, manager.user.username, manager.password);
    await openUsersPage(page);
    // The unfiltered list shows 25 blk rows too: wait for the search's own answer, or a
    // selection made on the old page would be cleared when the filtered one arrives.
    const searched = page.waitForResponse((response) => /\/api\/v1\/users\?/.test(response.url()) && new URL(response.url()).searchParams.get('q') === 'blk');
    await page.getByRole('textbox', { name: 'Search users', exact: true }).fill('blk');
    await page.waitForURL((url) => url.searchParams.get('q') === 'blk');
    await searched;
    await settle(page);
    await eventually(async () => assert.equal(await page.getByRole('checkbox', { name: /^Select blk-/ }).count(), 25));

    await checkbox('Select all on this page').check();
    await page.getByText('25 selected', { exact: true }).waitFor();
    await button(page, 'Select all 30 users matching this filter').click();
    await page.getByText('All 30 users matching this filter are selected', { exact: true }).waitFor();

    await button(page, 'Bulk actions').click();
    await page.getByRole('menuitem', { name: 'Suspend', exact: true }).click();
    const box = dialog(page, 'Suspend 30 users');
    await box.getByText('29 will change, 0 skipped, 1 refused', { exact: true }).waitFor();
    const refused = box.getByRole('row').filter({ hasText: `@${protectedOne}` });
    assert.match(await refused.innerText(), /Refused\s+\S.+/, 'the site manager is refused, with a reason');
    assert.match(await box.getByRole('row').filter({ hasText: '@blk-01' }).innerText(), /Would change/);
    await assertNoSeriousA11yViolations(page, 'the bulk Suspend dialog after its dry run');

    // The dry run changed nothing.
    const before = await statuses('blk');
    assert.equal(before.size, 30);
    assert.ok([...before.values()].every((s) => s === 'active'), 'nobody is suspended before Apply');

    await box.getByLabel('Reason', { exact: true }).fill('Bulk clean-up');
    await button(box, 'Apply to 29 users').click();
    await box.getByText('29 changed, 0 skipped, 1 refused', { exact: true }).waitFor();
    assert.match(await box.getByRole('row').filter({ hasText: `@${protectedOne}` }).innerText(), /Refused/);
    await button(box, 'Close').click();
    await box.waitFor({ state: 'hidden' });

    // The table refreshed and the selection is gone.
    await row('blk-30').getByText('Suspended', { exact: true }).waitFor();
    await row(protectedOne).getByText('Active', { exact: true }).waitFor();
    assert.equal(await page.getByText(/ selected$/).count(), 0);
    const after = await statuses('blk');
    for (const [username, status] of after) assert.equal(status, username === protectedOne ? 'active' : 'suspended', username);
  });

  test('two rows > Change role > Auditor', flow, async () => {
    await page.getByRole('textbox', { name: 'Search users', exact: true }).fill('blk-0');
    await expectUsernames(page, ['blk-01', 'blk-02', 'blk-03', 'blk-04', 'blk-05', 'blk-06', 'blk-07', 'blk-08', 'blk-09']);
    await checkbox('Select blk-01').check();
    await checkbox('Select blk-02').check();
    await page.getByText('2 selected', { exact: true }).waitFor();
    await button(page, 'Bulk actions').click();
    await page.getByRole('menuitem', { name: 'Change role', exact: true }).click();
    const box = dialog(page, 'Change the role of 2 users');
    await chooseOption(page, 'New role', 'Auditor', box);
    await box.getByText('2 will change, 0 skipped, 0 refused', { exact: true }).waitFor();
    assert.equal((await api.user('blk-01')).siteRole, 'member', 'unchanged before Apply');

    await button(box, 'Apply to 2 users').click();
    await box.getByText('2 changed, 0 skipped, 0 refused', { exact: true }).waitFor();
    await button(box, 'Close').click();
    await box.waitFor({ state: 'hidden' });
    await eventually(async () => assert.equal(await selectedOption(page, 'Site role for blk-01'), 'Auditor'));
    assert.equal(await selectedOption(page, 'Site role for blk-02'), 'Auditor');
    assert.equal(await selectedOption(page, 'Site role for blk-03'), 'Member');
    assert.equal((await api.user('blk-02')).siteRole, 'auditor');
  });
});
