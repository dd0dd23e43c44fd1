// ⋮ > Reset password: confirmed first, shows a new temporary password once,
// ends the user's sessions, and only the new password signs in.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { alertTexts, button, eventually, expectHeading, field, heading, signIn, submitSignIn } from './helpers/ui.js';
import { dialog, openUsersPage, rowAction } from './helpers/users-page.js';

describe('reset a user\'s password', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let admin: Page;
  let rita: Page;
  let ritaPassword: string;
  let temporaryPassword: string;

  before(async () => {
    const api = await roster.admin();
    ritaPassword = (await api.createUserWithPassword({ email: 'rita.reset@example.com', username: 'rita', name: 'Rita Reset' })).password;
  });

  test('Cancel in the "Reset password for Rita Reset?" dialog changes nothing', flow, async () => {
    rita = await roster.newPage();
    await signIn(rita, 'rita', ritaPassword);
    await expectHeading(rita, 'Account');

    admin = await roster.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await signIn(admin, 'admin', adminPassword);
    await openUsersPage(admin);
    await rowAction(admin, 'rita', 'Reset password');
    const confirm = dialog(admin, 'Reset password for Rita Reset?');
    await confirm.waitFor();
    await button(confirm, 'Cancel').click();
    await confirm.waitFor({ state: 'hidden' });
    await rita.reload();
    await expectHeading(rita, 'Account');
  });

  test('confirming shows the new temporary password once, with Copy and "This password will not be shown again."', flow, async () => {
    await rowAction(admin, 'rita', 'Reset password');
    const confirm = dialog(admin, 'Reset password for Rita Reset?');
    await button(confirm, 'Reset password').click();
    await expectHeading(admin, 'Temporary password');
    temporaryPassword = await field(admin, 'Temporary password').inputValue();
    assert.ok(temporaryPassword.length >= 16, `a temporary password of at least 16 characters, got ${JSON.stringify(temporaryPassword)}`);
    assert.notEqual(temporaryPassword, ritaPassword);
    await admin.getByText('This password will not be shown again.', { exact: true }).waitFor();
    await button(admin, 'Copy').click();
    assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), temporaryPassword);
    await button(admin, 'Done').click();
    await heading(admin, 'Temporary password').waitFor({ state: 'hidden' });
  });

  test('the user\'s open session ends: their next page load asks them to sign in', flow, async () => {
    await rita.reload();
    await expectHeading(rita, 'Sign in');
  });

  test('the old password no longer signs in; the temporary one leads to "Choose a new password"', flow, async () => {
    await submitSignIn(rita, 'rita', ritaPassword);
    await eventually(async () => {
      const texts = await alertTexts(rita);
      assert.ok(texts.some((t) => t.includes('Incorrect email, username or password.')), `the server's refusal in an alert, got ${JSON.stringify(texts)}`);
    });
    assert.equal(new URL(rita.url()).pathname, '/login');
    await submitSignIn(rita, 'rita', temporaryPassword);
    await expectHeading(rita, 'Choose a new password');
  });
});
