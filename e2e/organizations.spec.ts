// Manage > Organizations: the admin creates an organization, adds a member
// and an image to it; that member then sees exactly the images of their
// organizations, and not another organization's.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { button, chooseMenuItem, chooseOption, eventually, expectHeading, field, signIn } from './helpers/ui.js';
import { dialog } from './helpers/users-page.js';

interface ApiOrg { id: string; name: string }

describe('organizations, members and images', suiteOptions(), () => {
  const adminPassword = strongPassword('admin');
  const roster = useRoster({ adminPassword });
  let admin: Page;
  let miraPassword: string;

  before(async () => {
    const api = await roster.admin();
    // Mira joins the default organization, as every new user does.
    ({ password: miraPassword } = await api.createUserWithPassword({ email: 'mira@example.com', username: 'mira', name: 'Mira Member' }));
    const { orgs } = await api.request<{ orgs: (ApiOrg & { default: boolean })[] }>('GET', '/api/v1/orgs');
    const defaultOrg = orgs.find((o) => o.default)!;
    await api.request('POST', `/api/v1/orgs/${defaultOrg.id}/images`, { name: 'Base', repository: 'registry.example.com/base', tag: '1.0', description: '' });
    // An organization Mira is not in, with an image she must not see.
    const { org: other } = await api.request<{ org: ApiOrg }>('POST', '/api/v1/orgs', { name: 'Other Org', description: '', default: false, defaultRole: 'org-member' });
    await api.request('POST', `/api/v1/orgs/${other.id}/images`, { name: 'Secret Sauce', repository: 'registry.example.com/other/sauce', tag: 'latest', description: '' });
  });

  test('Manage > Organizations > New Organization creates it and opens its page', flow, async () => {
    admin = await roster.newPage();
    await signIn(admin, 'admin', adminPassword);
    await chooseMenuItem(admin, 'Manage', 'Organizations');
    await expectHeading(admin, 'Organizations');
    await button(admin, 'New Organization').click();
    const form = dialog(admin, 'New Organization');
    await form.waitFor();
    await field(form, 'Name').fill('Data Team');
    await field(form, 'Description').fill('Analysts and their notebooks.');
    await button(form, 'Create').click();
    await form.waitFor({ state: 'hidden' });
    await expectHeading(admin, 'Data Team');
    await admin.getByRole('tab', { name: 'Members' }).waitFor();
  });

  test('Members tab > Add member adds Mira', flow, async () => {
    await admin.getByRole('tab', { name: 'Members' }).click();
    await button(admin, 'Add member').click();
    const form = dialog(admin, 'Add member');
    await form.waitFor();
    await field(form, 'User').fill('mira');
    await admin.getByRole('option', { name: /Mira Member/ }).click();
    await chooseOption(admin, 'Role', 'Org member', form);
    await button(form, 'Add').click();
    await form.waitFor({ state: 'hidden' });
    const row = admin.getByRole('row').filter({ hasText: 'mira@example.com' });
    await row.waitFor();
    assert.match(await row.innerText(), /Mira Member/);
  });

  test('Images tab > Add image adds an image to the organization', flow, async () => {
    await admin.getByRole('tab', { name: /^Images/ }).click();
    await button(admin, 'Add image').click();
    const form = dialog(admin, 'Add image');
    await form.waitFor();
    await field(form, 'Name').fill('Notebook');
    await field(form, 'Repository').fill('registry.example.com/data/notebook');
    await field(form, 'Tag').fill('2026.1');
    await field(form, 'Description').fill('Jupyter with the team’s kernels.');
    await button(form, 'Add').click();
    await form.waitFor({ state: 'hidden' });
    const row = admin.getByRole('row').filter({ hasText: 'Notebook' });
    await row.waitFor();
    assert.match(await row.innerText(), /registry\.example\.com\/data\/notebook:2026\.1/);
  });

  test('Mira, in her own browser, sees exactly the images of her organizations', flow, async () => {
    const mira = await roster.newPage();
    await signIn(mira, 'mira', miraPassword);
    await mira.getByRole('link', { name: 'Images' }).click();
    await expectHeading(mira, 'Images');
    const sections = mira.getByRole('region');
    await eventually(async () => {
      const names = (await sections.getByRole('heading', { level: 2 }).allInnerTexts()).sort();
      assert.deepEqual(names, ['Data Team', 'Default']);
    });
    const imageNames = async (org: string) => {
      const rows = await mira.getByRole('region', { name: org }).getByRole('row').all();
      const names = await Promise.all(rows.slice(1).map(async (r) => (await r.getByRole('cell').first().innerText()).trim()));
      return names.sort();
    };
    assert.deepEqual(await imageNames('Data Team'), ['Notebook']);
    assert.deepEqual(await imageNames('Default'), ['Base']);
    const body = await mira.locator('body').innerText();
    assert.ok(!body.includes('Secret Sauce') && !body.includes('Other Org'), 'nothing of the organization she is not in');
  });
});
