// A member signs in to their own account only: no Manage menu, nothing of
// other users on /users, and their Account page works.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ApiUser } from './helpers/api.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseMenuItem, eventually, expectHeading, field, signIn, signOut, userMenu } from './helpers/ui.js';

describe('a member cannot manage users', suiteOptions(), () => {
  const roster = useRoster({ adminPassword: strongPassword('admin') });
  let member: { user: ApiUser; password: string };
  let other: ApiUser;
  let page: Page;

  before(async () => {
    const admin = await roster.admin();
    member = await admin.createUserWithPassword({ email: 'mia.member@example.com', username: 'mia', name: 'Mia Member' });
    other = (await admin.createUser({ email: 'oscar.other@example.com', username: 'oscar', name: 'Oscar Other' })).user;
  });

  test('a member lands on their Account page with a user menu and no Manage button', flow, async () => {
    page = await roster.newPage();
    await signIn(page, 'mia', member.password);
    // The landing page is chosen from the server's permissions, so they have arrived.
    await expectHeading(page, 'Account');
    await userMenu(page).waitFor();
    assert.equal(await button(page, 'Manage').count(), 0, 'a member sees no Manage button');
  });

  test('going to /users says the page is not available and shows nothing of other users', flow, async () => {
    await page.goto('/users');
    await page.getByRole('heading', { name: 'Not available to you' }).waitFor();
    const text = await page.locator('body').innerText();
    for (const shown of [other.username, other.email, other.name, 'admin@roster.local', 'Site Admin']) {
      assert.ok(!text.includes(shown), `/users shows "${shown}" to a member:\n${text}`);
    }
    assert.equal(await page.getByRole('button', { name: /^Actions for / }).count(), 0, 'no user rows');
    assert.equal(await page.getByRole('combobox', { name: /^Site role for / }).count(), 0, 'no role drop-downs');
    assert.equal(await button(page, 'New User').count(), 0, 'no New User button');
    assert.equal(await button(page, 'Manage').count(), 0);
  });

  test('the member changes their name on the Account page and it stays after a reload', flow, async () => {
    await chooseMenuItem(page, 'User menu', 'Account');
    await expectHeading(page, 'Account');
    assert.equal(await field(page, 'Email').isDisabled(), true, 'a member cannot change their email');
    await field(page, 'Name').fill('Mia Renamed');
    await button(page, 'Save profile').click();
    await page.getByText('Profile saved.', { exact: true }).waitFor();
    await userMenu(page).filter({ hasText: 'Mia Renamed' }).waitFor();
    await page.reload();
    await expectHeading(page, 'Account');
    await eventually(async () => assert.equal(await field(page, 'Name').inputValue(), 'Mia Renamed'));
  });

  test('the member changes their password on the Account page and signs in with the new one', flow, async () => {
    const newPassword = strongPassword('mia-new');
    await field(page, 'Current password').fill(member.password);
    await field(page, 'New password').fill(newPassword);
    await field(page, 'Confirm new password').fill(newPassword);
    await button(page, 'Change password').click();
    await page.getByText('Password changed. Your other sessions have been signed out.', { exact: true }).waitFor();
    assert.equal(await field(page, 'Current password').inputValue(), '', 'the form is cleared after the change');
    await signOut(page);
    await signIn(page, 'mia', newPassword);
    await expectHeading(page, 'Account');
  });
});
