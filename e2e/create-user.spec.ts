// Manage > Users > New User: the admin creates a built-in user, is shown the
// temporary password once, and the new user signs in with it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseOption, completeForcedChange, expectHeading, field, selectedOption, signIn, submitSignIn } from './helpers/ui.js';
import { dialog, openUsersPage, userRow } from './helpers/users-page.js';

describe('create a user', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let admin: Page;
  let temporaryPassword: string;

  test('New User → fill → Create shows the temporary password once, with a Copy button', flow, async () => {
    admin = await roster.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await signIn(admin, 'admin', adminPassword);
    await openUsersPage(admin);
    await button(admin, 'New User').click();
    const form = dialog(admin, 'New User');
    await form.waitFor();
    await field(form, 'Name').fill('Nora New');
    await field(form, 'Email').fill('nora.new@example.com');
    await field(form, 'Username').fill('nora');
    await chooseOption(admin, 'Auth Type', 'Built-In', form);
    await chooseOption(admin, 'Organization', 'Default', form);
    await chooseOption(admin, 'Site role', 'Member', form);
    assert.equal(await selectedOption(form, 'Site role'), 'Member');
    await button(form, 'Create').click();

    await expectHeading(admin, 'Temporary password');
    const shown = field(admin, 'Temporary password');
    temporaryPassword = await shown.inputValue();
    assert.ok(temporaryPassword.length >= 16, `a temporary password of at least 16 characters, got ${JSON.stringify(temporaryPassword)}`);
    assert.equal(await shown.evaluate((el) => (el as HTMLInputElement).readOnly), true, 'the password field is read-only');
    await admin.getByText('This password will not be shown again.', { exact: true }).waitFor();

    await button(admin, 'Copy').click();
    const copied = await admin.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, temporaryPassword, 'Copy puts the password on the clipboard');
  });

  test('Done closes the dialog and the new user is in the table; the password is not shown again', flow, async () => {
    await button(admin, 'Done').click();
    await dialog(admin, 'New User').waitFor({ state: 'hidden' });
    const row = userRow(admin, 'nora');
    await row.waitFor();
    assert.match(await row.innerText(), /Nora New/);
    assert.match(await row.innerText(), /nora\.new@example\.com/);
    assert.equal(await admin.getByText('This password will not be shown again.', { exact: true }).count(), 0);
    assert.ok(!(await admin.locator('body').innerText()).includes(temporaryPassword), 'the password is gone from the page');
    await admin.reload();
    await row.waitFor();
    assert.ok(!(await admin.content()).includes(temporaryPassword), 'nor does it come back after a reload');
  });

  test('the new user signs in, in a fresh browser, with the shown password and is asked to choose their own', flow, async () => {
    const nora = await roster.newPage();
    await submitSignIn(nora, 'nora.new@example.com', temporaryPassword);
    await expectHeading(nora, 'Choose a new password');
    await completeForcedChange(nora, temporaryPassword, strongPassword('nora'));
    await expectHeading(nora, 'Account');
    assert.equal(await field(nora, 'Email').inputValue(), 'nora.new@example.com');
  });
});
