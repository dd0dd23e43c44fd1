// No serious or critical axe-core violations on any page or open dialog, and
// the first sign-in and New User work with the keyboard alone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiSignIn } from './helpers/api.js';
import { assertNoSeriousA11yViolations } from './helpers/axe.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseMenuItem, eventually, expectHeading, field, isFocused, tabTo } from './helpers/ui.js';
import { dialog, openUsersPage, rowAction, userRow } from './helpers/users-page.js';

describe('accessibility and keyboard use', suiteOptions(), () => {
  const roster = useRoster({ adminPassword: null });
  const newPassword = strongPassword('admin');
  let page: Page;

  test('the sign-in page has no serious accessibility violations', flow, async () => {
    page = await roster.newPage();
    await page.goto('/login');
    await expectHeading(page, 'Sign in');
    await assertNoSeriousA11yViolations(page, 'the sign-in page');
  });

  test('signing in with the keyboard alone (Tab, typing, Enter) reaches "Choose a new password"', flow, async () => {
    await tabTo(page, field(page, 'Email or username'), 'the "Email or username" field');
    await page.keyboard.type(roster.server.adminEmail);
    await tabTo(page, field(page, 'Password'), 'the "Password" field');
    await page.keyboard.type(roster.server.adminPassword);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Choose a new password');
  });

  test('the forced change-password page has no serious accessibility violations', flow, async () => {
    await assertNoSeriousA11yViolations(page, 'the forced change-password page');
  });

  test('the forced change works with the keyboard alone and lands on Users', flow, async () => {
    await tabTo(page, field(page, 'Temporary password'), 'the "Temporary password" field');
    await page.keyboard.type(roster.server.adminPassword);
    await tabTo(page, field(page, 'New password'), 'the "New password" field');
    await page.keyboard.type(newPassword);
    await tabTo(page, field(page, 'Confirm new password'), 'the "Confirm new password" field');
    await page.keyboard.type(newPassword);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Users');
  });

  test('the Users page, with users in it, has no serious accessibility violations', flow, async () => {
    const api = await apiSignIn(roster.server.baseUrl, 'admin', newPassword);
    await api.createUser({ email: 'ada.access@example.com', username: 'ada', name: 'Ada Access' });
    await api.createUser({ email: 'ben.access@example.com', username: 'ben', name: 'Ben Access', siteRole: 'auditor' });
    const { user } = await api.createUser({ email: 'cy.access@example.com', username: 'cy', name: 'Cy Access' });
    await api.suspend(user.id, 'On leave');
    await openUsersPage(page);
    await userRow(page, 'cy').waitFor();
    await assertNoSeriousA11yViolations(page, 'the Users page');
  });

  /** Opens New User from the Users page with Tab and Enter only. */
  async function openNewUserByKeyboard() {
    await openUsersPage(page);
    await tabTo(page, button(page, 'New User'), 'the New User button');
    await page.keyboard.press('Enter');
    const form = dialog(page, 'New User');
    await field(form, 'Name').waitFor();
    return form;
  }

  test('New User opens with the keyboard alone, focus goes into the dialog, and the dialog has no serious violations', flow, async () => {
    const form = await openNewUserByKeyboard();
    assert.equal(await form.evaluate((el) => el.contains(document.activeElement)), true, 'the focus moves into the dialog');
    await assertNoSeriousA11yViolations(page, 'the Users page with the New User dialog open');
  });

  test('a user is created with the keyboard alone, and the temporary-password view has no serious violations', flow, async () => {
    const form = await openNewUserByKeyboard();
    await tabTo(page, field(form, 'Name'), 'the "Name" field');
    await page.keyboard.type('Kay Keys');
    await tabTo(page, field(form, 'Email'), 'the "Email" field');
    await page.keyboard.type('kay.keys@example.com');
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Temporary password');
    await assertNoSeriousA11yViolations(page, 'the temporary-password view');
    await tabTo(page, button(page, 'Done'), 'the Done button');
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'hidden' });
    await userRow(page, 'kay-keys').waitFor();
  });

  test('the Delete confirmation dialog has no serious violations', flow, async () => {
    await openUsersPage(page);
    await rowAction(page, 'ada', 'Delete');
    const confirm = dialog(page, 'Delete Ada Access?');
    await button(confirm, 'Delete').waitFor();
    await assertNoSeriousA11yViolations(page, 'the Users page with the Delete confirmation open');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await userRow(page, 'ada').waitFor();
  });

  test('the Suspend confirmation dialog has no serious violations', flow, async () => {
    await openUsersPage(page);
    await rowAction(page, 'ada', 'Suspend');
    const confirm = dialog(page, 'Suspend Ada Access?');
    await field(confirm, 'Reason').waitFor();
    await assertNoSeriousA11yViolations(page, 'the Users page with the Suspend confirmation open');
    await button(confirm, 'Cancel').click();
    await confirm.waitFor({ state: 'hidden' });
  });

  test('a confirmation opened from the keyboard takes the focus, and Cancel gives it back to the row\'s ⋮ button', flow, async () => {
    await openUsersPage(page);
    const actions = button(page, 'Actions for ada');
    await tabTo(page, actions, 'the "Actions for ada" button');
    await page.keyboard.press('Enter');
    const suspend = page.getByRole('menuitem', { name: 'Suspend', exact: true });
    await suspend.waitFor();
    for (let presses = 0; !(await isFocused(suspend)); presses++) {
      assert.ok(presses < 6, 'the arrow keys reach "Suspend" in the ⋮ menu');
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const confirm = dialog(page, 'Suspend Ada Access?');
    await confirm.waitFor();
    await eventually(async () => assert.equal(await confirm.evaluate((el) => el.contains(document.activeElement)), true, 'the focus moves into the dialog'));
    await tabTo(page, button(confirm, 'Cancel'), 'the Cancel button');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'hidden' });
    await eventually(async () => assert.equal(await isFocused(actions), true, 'the focus returns to the row\'s ⋮ button'));
  });

  test('the Account page has no serious accessibility violations', flow, async () => {
    await openUsersPage(page);
    await chooseMenuItem(page, 'User menu', 'Account');
    await expectHeading(page, 'Account');
    await assertNoSeriousA11yViolations(page, 'the Account page');
  });

  test('in dark mode, the Users page has no serious accessibility violations', flow, async () => {
    await openUsersPage(page);
    await userRow(page, 'cy').waitFor();
    await button(page, 'Switch to dark mode').click();
    await button(page, 'Switch to light mode').waitFor();
    await assertNoSeriousA11yViolations(page, 'the Users page in dark mode');
  });
});
