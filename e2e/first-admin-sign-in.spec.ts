// The very first sign-in: the admin uses the temporary password the server
// printed, must choose their own before anything else, and can sign out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, expectFieldError, expectHeading, field, signOut, submitSignIn } from './helpers/ui.js';

describe('first admin sign-in', suiteOptions(), () => {
  const roster = useRoster({ adminPassword: null });
  let page: Page;

  async function tryNewPassword(newPassword: string): Promise<void> {
    await field(page, 'Temporary password').fill(roster.server.adminPassword);
    await field(page, 'New password').fill(newPassword);
    await field(page, 'Confirm new password').fill(newPassword);
    await button(page, 'Set password and continue').click();
  }

  test('the temporary password printed on first start signs in and lands on "Choose a new password"', flow, async () => {
    assert.equal(roster.server.adminMustChange, true);
    page = await roster.newPage();
    await submitSignIn(page, roster.server.adminEmail, roster.server.adminPassword);
    await expectHeading(page, 'Choose a new password');
    assert.equal(new URL(page.url()).pathname, '/change-password');
  });

  test('until the password is changed, going to /users leads back to the change-password screen', flow, async () => {
    await page.goto('/users');
    await expectHeading(page, 'Choose a new password');
    assert.equal(new URL(page.url()).pathname, '/change-password');
    assert.equal(await page.getByRole('heading', { name: 'Users', exact: true }).count(), 0);
  });

  test('a too-short new password shows the server\'s message beside "New password", keeping what was typed', flow, async () => {
    await tryNewPassword('short');
    await expectFieldError(page, 'New password', 'Must be at least 8 characters.');
    assert.equal(await field(page, 'New password').inputValue(), 'short');
    assert.equal(await field(page, 'Temporary password').inputValue(), roster.server.adminPassword);
    assert.equal(new URL(page.url()).pathname, '/change-password');
  });

  test('a common new password shows the server\'s message beside "New password"', flow, async () => {
    await tryNewPassword('password');
    await expectFieldError(page, 'New password', 'Is too common; choose something less guessable.');
    assert.equal(new URL(page.url()).pathname, '/change-password');
  });

  test('a good new password lands on the Users page', flow, async () => {
    await tryNewPassword(strongPassword('admin'));
    await expectHeading(page, 'Users');
    assert.equal(new URL(page.url()).pathname, '/users');
  });

  test('Sign out in the user menu returns to the sign-in page, after which /users asks to sign in again', flow, async () => {
    await signOut(page);
    await page.goto('/users');
    await expectHeading(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
