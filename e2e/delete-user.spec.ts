// ⋮ > Delete: confirmed first; Cancel keeps the user, Delete removes them.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ApiFailure } from './helpers/api.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, signIn } from './helpers/ui.js';
import { dialog, openUsersPage, rowAction, userRow } from './helpers/users-page.js';

describe('delete a user', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let admin: Page;

  before(async () => {
    const api = await roster.admin();
    await api.createUser({ email: 'dora.delete@example.com', username: 'dora', name: 'Dora Delete' });
    await api.createUser({ email: 'kim.keep@example.com', username: 'kim', name: 'Kim Keep' });
  });

  test('Cancel in the "Delete Dora Delete?" dialog leaves the user in the table', flow, async () => {
    admin = await roster.newPage();
    await signIn(admin, 'admin', adminPassword);
    await openUsersPage(admin);
    await rowAction(admin, 'dora', 'Delete');
    const confirm = dialog(admin, 'Delete Dora Delete?');
    await confirm.waitFor();
    await button(confirm, 'Cancel').click();
    await confirm.waitFor({ state: 'hidden' });
    await admin.reload();
    await userRow(admin, 'dora').waitFor();
    assert.equal((await (await roster.admin()).user('dora')).username, 'dora');
  });

  test('Delete in the dialog removes the user from the table, for good', flow, async () => {
    await rowAction(admin, 'dora', 'Delete');
    const confirm = dialog(admin, 'Delete Dora Delete?');
    await button(confirm, 'Delete').click();
    await confirm.waitFor({ state: 'hidden' });
    await userRow(admin, 'dora').waitFor({ state: 'detached' });
    await userRow(admin, 'kim').waitFor();
    await admin.reload();
    await userRow(admin, 'kim').waitFor();
    assert.equal(await userRow(admin, 'dora').count(), 0);
    assert.ok(!(await admin.locator('body').innerText()).includes('dora.delete@example.com'));
    await assert.rejects((await roster.admin()).user('dora'), (error: unknown) => error instanceof ApiFailure && error.status === 404);
  });
});
