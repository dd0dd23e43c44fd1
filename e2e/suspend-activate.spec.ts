// ⋮ > Suspend (with a reason) and ⋮ > Activate: the STATUS badge follows, a
// suspended user cannot sign in and is told why, and activation lets them back.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { alertTexts, button, eventually, expectHeading, field, signIn, submitSignIn } from './helpers/ui.js';
import { dialog, expectStatus, openUsersPage, rowAction, userRow } from './helpers/users-page.js';

describe('suspend and activate a user', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let admin: Page;
  let sam: Page;
  let samPassword: string;

  before(async () => {
    const api = await roster.admin();
    samPassword = (await api.createUserWithPassword({ email: 'sam.suspend@example.com', username: 'sam', name: 'Sam Suspend' })).password;
  });

  test('Suspend, with a reason, turns the STATUS badge to "Suspended" and shows the reason', flow, async () => {
    sam = await roster.newPage();
    await signIn(sam, 'sam', samPassword);
    await expectHeading(sam, 'Account');

    admin = await roster.newPage();
    await signIn(admin, 'admin', adminPassword);
    await openUsersPage(admin);
    await expectStatus(admin, 'sam', 'Active');
    await rowAction(admin, 'sam', 'Suspend');
    const confirm = dialog(admin, 'Suspend Sam Suspend?');
    await confirm.waitFor();
    await field(confirm, 'Reason').fill('Left the team for a month');
    await button(confirm, 'Suspend').click();
    await confirm.waitFor({ state: 'hidden' });
    await expectStatus(admin, 'sam', 'Suspended');
    await userRow(admin, 'sam').getByText('Left the team for a month').waitFor();
    await admin.reload();
    await expectStatus(admin, 'sam', 'Suspended');
  });

  test('the suspended user\'s open session ends, and signing in says the account is suspended', flow, async () => {
    await sam.reload();
    await expectHeading(sam, 'Sign in');
    await submitSignIn(sam, 'sam', samPassword);
    await eventually(async () => {
      const texts = await alertTexts(sam);
      assert.ok(texts.some((t) => /suspended/i.test(t)), `an alert saying "suspended", got ${JSON.stringify(texts)}`);
    });
    assert.equal(new URL(sam.url()).pathname, '/login');
  });

  test('Activate turns the badge back to "Active" and the user signs in again', flow, async () => {
    await rowAction(admin, 'sam', 'Activate');
    const confirm = dialog(admin, 'Activate Sam Suspend?');
    await button(confirm, 'Activate').click();
    await confirm.waitFor({ state: 'hidden' });
    await expectStatus(admin, 'sam', 'Active');
    await signIn(sam, 'sam', samPassword);
    await expectHeading(sam, 'Account');
  });
});
