// Manage > Audit: what was done through the API is listed, filters narrow it,
// a row opens to its field diff (secrets masked), and Export CSV downloads
// the filtered entries.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { assertNoSeriousA11yViolations } from './helpers/axe.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseMenuItem, chooseOption, eventually, expectHeading, signIn } from './helpers/ui.js';

const expandLabel = 'Show details for this entry';

/** The entry rows (not their opened detail rows), each as its cells' texts. */
async function entryRows(page: Page): Promise<{ row: Locator; cells: string[] }[]> {
  const rows = await page.getByRole('row').filter({ has: button(page, expandLabel) }).all();
  return Promise.all(rows.map(async (row) => ({ row, cells: (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim()) })));
}

// Cells: details button, TIME, ACTOR, ACTION, RESOURCE, TARGET, RESULT, CLIENT.
const ACTION = 3;
const TARGET = 5;
const RESULT = 6;

describe('the audit log', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let page: Page;

  test('actions done through the API are listed on Manage > Audit', flow, async () => {
    const admin = await roster.admin();
    await admin.createUserWithPassword({ email: 'audra@example.com', username: 'audra', name: 'Audra Audit' });
    await admin.setRole('audra', 'auditor');
    const refused = await fetch(`${roster.server.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'audra', password: 'not-her-password' }),
    });
    assert.equal(refused.status, 401);

    page = await roster.newPage();
    await signIn(page, 'admin', adminPassword);
    await chooseMenuItem(page, 'Manage', 'Audit');
    await expectHeading(page, 'Audit');
    await expectHeading(page, 'Audit log');
    const rows = await eventually(async () => {
      const found = await entryRows(page);
      assert.ok(found.length > 0);
      return found;
    });
    const seen = rows.map((r) => `${r.cells[ACTION]} ${r.cells[TARGET]} ${r.cells[RESULT]}`);
    for (const expected of ['create audra success', 'write audra success', 'password_change audra success', 'login_failed audra failure']) {
      assert.ok(seen.includes(expected), `expected "${expected}" among ${JSON.stringify(seen)}`);
    }
    const write = rows.find((r) => r.cells[ACTION] === 'write')!;
    assert.match(write.cells[2] ?? '', /admin@/, 'the actor is shown by email');
  });

  test('filtering by Action narrows the rows, and the filter is kept in the address', flow, async () => {
    const before = (await entryRows(page)).length;
    await chooseOption(page, 'Action', 'password_change');
    await page.waitForURL((url) => url.searchParams.get('action') === 'password_change');
    const rows = await eventually(async () => {
      const found = await entryRows(page);
      assert.ok(found.length > 0 && found.every((r) => r.cells[ACTION] === 'password_change'), JSON.stringify(found.map((r) => r.cells[ACTION])));
      return found;
    });
    assert.ok(rows.length < before, `fewer rows (${rows.length}) than unfiltered (${before})`);
    await page.reload();
    await expectHeading(page, 'Audit log');
    await eventually(async () => assert.equal((await entryRows(page)).length, rows.length));
  });

  test('expanding a row shows its field diff, with the password as ******', flow, async () => {
    const row = (await entryRows(page)).find((r) => r.cells[TARGET] === 'audra')!.row;
    const toggle = button(row, expandLabel);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const diff = page.getByRole('table', { name: 'Field changes' });
    await diff.waitFor();
    const headers = await diff.getByRole('columnheader').allInnerTexts();
    assert.deepEqual(headers.map((h) => h.trim()), ['FIELD', 'BEFORE', 'AFTER']);
    const password = diff.getByRole('row').filter({ hasText: 'password' }).first();
    assert.deepEqual((await password.getByRole('cell').allInnerTexts()).map((t) => t.trim()), ['password', '******', '******']);
    assert.ok(!(await page.locator('body').innerText()).includes(adminPassword));
    await assertNoSeriousA11yViolations(page, 'the Audit page with a row expanded');
  });

  test('Export CSV downloads the filtered entries', flow, async () => {
    const shown = await entryRows(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^roster-audit-.*\.csv$/);
    const records = parse(await readFile((await download.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(records.length, shown.length, 'as many rows as the page shows');
    assert.ok(records.every((r) => r.action === 'password_change'), JSON.stringify(records.map((r) => r.action)));
    assert.ok(records.some((r) => r.target_name === 'audra'));
  });

  test('a filter the server refuses is explained in its words', flow, async () => {
    await page.goto('/audit?since=yesterday-ish');
    await expectHeading(page, 'Audit log');
    const alert = page.getByRole('alert').filter({ hasText: 'Check the filters' });
    await alert.waitFor();
    assert.ok((await alert.innerText()).length > 'Check the filters'.length, 'with the server\'s message');
  });
});
