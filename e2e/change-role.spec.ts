// The SITE ROLE drop-down: the admin makes a member an auditor and back, and
// the user's own menus follow (the UI reads what the server allows).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseOption, eventually, expectHeading, selectedOption, signIn, userMenu } from './helpers/ui.js';
import { expectNotification, openUsersFromMenu, openUsersPage, userRow } from './helpers/users-page.js';

describe('change a user\'s site role', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let admin: Page;
  let ron: Page;
  let ronPassword: string;

  before(async () => {
    const api = await roster.admin();
    ronPassword = (await api.createUserWithPassword({ email: 'ron.role@example.com', username: 'ron', name: 'Ron Role' })).password;
  });

  test('a member sees no Manage button', flow, async () => {
    ron = await roster.newPage();
    await signIn(ron, 'ron', ronPassword);
    await expectHeading(ron, 'Account');
    await userMenu(ron).waitFor();
    assert.equal(await button(ron, 'Manage').count(), 0);
  });

  test('the admin makes the member an Auditor with the row\'s "Site role for ron" select', flow, async () => {
    admin = await roster.newPage();
    await signIn(admin, 'admin', adminPassword);
    await openUsersPage(admin);
    await userRow(admin, 'ron').waitFor();
    assert.equal(await selectedOption(admin, 'Site role for ron'), 'Member');
    await chooseOption(admin, 'Site role for ron', 'Auditor');
    await expectNotification(admin, 'Role changed to Auditor.');
    assert.equal(await selectedOption(admin, 'Site role for ron'), 'Auditor');
    await admin.reload();
    await userRow(admin, 'ron').waitFor();
    await eventually(async () => assert.equal(await selectedOption(admin, 'Site role for ron'), 'Auditor'));
  });

  test('as an auditor, the user now has Manage > Users and sees the list', flow, async () => {
    await ron.reload();
    await expectHeading(ron, 'Account');
    await openUsersFromMenu(ron);
    await ron.getByText('admin@roster.local').waitFor();
    assert.equal(await button(ron, 'New User').count(), 0, 'an auditor cannot create users');
  });

  test('made a Member again, the user loses the Manage button', flow, async () => {
    await chooseOption(admin, 'Site role for ron', 'Member');
    await expectNotification(admin, 'Role changed to Member.');
    // The home page picks the landing page from the server's permissions, so
    // once it shows Account they have been read.
    await ron.goto('/');
    await expectHeading(ron, 'Account');
    await userMenu(ron).waitFor();
    assert.equal(await button(ron, 'Manage').count(), 0);
  });
});
