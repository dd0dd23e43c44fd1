// Account > API tokens: a person makes a token, is shown it once, uses it
// against the REST API, and deletes it; the deleted token no longer works.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoSeriousA11yViolations } from './helpers/axe.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseMenuItem, chooseOption, eventually, expectHeading, field, signIn } from './helpers/ui.js';
import { dialog } from './helpers/users-page.js';

describe('API tokens on the Account page', suiteOptions(), () => {
  const roster = useRoster({ adminPassword: strongPassword('admin') });
  let page: Page;
  let token: string;

  const whoAmI = (bearer: string) => fetch(`${roster.server.baseUrl}/api/v1/users/me`, { headers: { authorization: `Bearer ${bearer}` } });
  const tokenRow = (name: string) => page.getByRole('row').filter({ has: button(page, `Delete token ${name}`) });

  test('New token → name and lifetime → Create shows the token once, with Copy and how to use it', flow, async () => {
    const admin = await roster.admin();
    const { password } = await admin.createUserWithPassword({ email: 'tess@example.com', username: 'tess', name: 'Tess Token' });
    page = await roster.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await signIn(page, 'tess', password);
    await chooseMenuItem(page, 'User menu', 'Account');
    await expectHeading(page, 'Account');
    await expectHeading(page, 'API tokens');
    await page.getByText('No API tokens yet', { exact: true }).waitFor();

    await button(page, 'New token').click();
    const form = dialog(page, 'New API token');
    await form.waitFor();
    await field(form, 'Name').fill('laptop CLI');
    await chooseOption(page, 'Lifetime', '90 days', form);
    await assertNoSeriousA11yViolations(page, 'the New API token dialog');
    await button(form, 'Create').click();

    await expectHeading(page, 'Your new API token');
    const shown = field(form, 'API token');
    token = await shown.inputValue();
    assert.ok(token.length >= 20, `a token of some length, got ${JSON.stringify(token)}`);
    assert.equal(await shown.evaluate((el) => (el as HTMLInputElement).readOnly), true, 'the token field is read-only');
    await form.getByText('This token will not be shown again.', { exact: true }).waitFor();
    await form.getByText('Authorization: Bearer <token>', { exact: true }).waitFor();
    await form.getByText('roster login', { exact: true }).waitFor();
    await button(form, 'Copy').click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token, 'Copy puts the token on the clipboard');
    await assertNoSeriousA11yViolations(page, 'the new API token view');

    await button(form, 'Done').click();
    await form.waitFor({ state: 'hidden' });
    const row = tokenRow('laptop CLI');
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.equal(cells[0], 'laptop CLI');
    assert.equal(cells[2], 'Never', 'not used yet');
    assert.ok(!(await page.locator('body').innerText()).includes(token), 'the token is gone from the page');
  });

  test('the token works as a bearer token against the REST API', flow, async () => {
    const response = await whoAmI(token);
    assert.equal(response.status, 200);
    const { user } = await response.json() as { user: { username: string } };
    assert.equal(user.username, 'tess');
    // The list says it has now been used.
    await page.reload();
    await eventually(async () => {
      const cells = await tokenRow('laptop CLI').getByRole('cell').allInnerTexts();
      assert.notEqual(cells[2], 'Never');
    });
  });

  test('a second token with the same name is refused beside the Name field', flow, async () => {
    await button(page, 'New token').click();
    const form = dialog(page, 'New API token');
    await field(form, 'Name').fill('laptop CLI');
    await button(form, 'Create').click();
    await eventually(async () => {
      const described = await field(form, 'Name').getAttribute('aria-describedby');
      const texts = await Promise.all((described ?? '').split(' ').filter(Boolean).map((id) => page.locator(`#${id}`).innerText()));
      assert.ok(texts.some((t) => t.includes('already a token named')), `Name is described by ${JSON.stringify(texts)}`);
    });
    await button(form, 'Cancel').click();
    await form.waitFor({ state: 'hidden' });
  });

  test('Delete token asks first, then the token is gone and no longer works', flow, async () => {
    await button(page, 'Delete token laptop CLI').click();
    const confirm = dialog(page, 'Delete token laptop CLI?');
    await confirm.waitFor();
    await button(confirm, 'Delete').click();
    await confirm.waitFor({ state: 'hidden' });
    await tokenRow('laptop CLI').waitFor({ state: 'detached' });
    await page.getByText('No API tokens yet', { exact: true }).waitFor();
    assert.equal((await whoAmI(token)).status, 401);
  });
});
