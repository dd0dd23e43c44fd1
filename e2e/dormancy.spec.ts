// Manage > Admin > Dormancy: the threshold and the automatic deletion are
// saved, kept across a reload, and what the API answers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertNoSeriousA11yViolations } from './helpers/axe.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseMenuItem, expectFieldError, expectHeading, field, signIn } from './helpers/ui.js';
import { expectNotification } from './helpers/users-page.js';

describe('dormancy settings', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });

  test('change the threshold and the deletion, reload, and see them kept', flow, async () => {
    const page = await roster.newPage();
    await signIn(page, 'admin', adminPassword);
    await chooseMenuItem(page, 'Manage', 'Dormancy');
    await expectHeading(page, 'Dormancy');
    const threshold = field(page, 'Dormant after (days)');
    const deleteAfter = field(page, 'Delete after a further (days)');
    assert.equal(await threshold.inputValue(), '90', 'the default');
    assert.equal(await deleteAfter.isDisabled(), true, 'off until the switch is on');
    await assertNoSeriousA11yViolations(page, 'the Dormancy page');

    await threshold.fill('');
    await button(page, 'Save settings').click();
    await expectFieldError(page, 'Dormant after (days)', 'Enter a number of days.');

    await threshold.fill('45');
    await page.getByRole('switch', { name: 'Delete dormant users automatically' }).check();
    await deleteAfter.fill('60');
    await button(page, 'Save settings').click();
    await expectNotification(page, 'Dormancy settings saved.');

    await page.reload();
    await expectHeading(page, 'Dormancy');
    assert.equal(await field(page, 'Dormant after (days)').inputValue(), '45');
    assert.equal(await field(page, 'Delete after a further (days)').inputValue(), '60');
    const api = await roster.admin();
    assert.deepEqual(await api.request('GET', '/api/v1/settings/dormancy'), { thresholdDays: 45, deleteAfterDays: 60 });
  });
});
