// Pictures of each page at 1280×800, in light and dark mode, for the README
// and for a person to look at: docs/screenshots/<page>-<light|dark>.png.
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiSignIn, type NewUser, type RosterApi } from './helpers/api.js';
import { strongPassword } from './helpers/server.js';
import { flow, suiteOptions, useRoster } from './helpers/suite.js';
import { repoRoot } from '../tests/helpers/process.js';
import {
  button, chooseMenuItem, completeForcedChange, expectHeading, field, settle, submitSignIn,
} from './helpers/ui.js';
import { dialog, openUsersPage, userRow } from './helpers/users-page.js';

// Every run takes them (the pages must render); only UPDATE_SCREENSHOTS=1 replaces the
// committed ones, since passwords and times differ on each run.
const outDir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot, 'docs', 'screenshots') : mkdtempSync(path.join(os.tmpdir(), 'roster-shots-'));

/**
 * A team that looks like one: varied names, roles, sign-in types and states,
 * the variety first (the list shows the newest first, and they are created last).
 */
const team: (NewUser & { suspend?: string })[] = [
  ['Ada Lovelace', 'site-manager'], ['Grace Hopper', 'auditor'], ['Alan Turing', 'member', 'oidc'],
  ['Katherine Johnson', 'member', 'suspended'], ['Linus Torvalds'], ['Margaret Hamilton', 'site-manager', 'oidc'],
  ['Dennis Ritchie'], ['Barbara Liskov', 'auditor'], ['Ken Thompson'], ['Frances Allen', 'member', 'oidc'],
  ['Donald Knuth'], ['Radia Perlman'], ['Tim Berners-Lee'], ['Hedy Lamarr', 'member', 'suspended'],
  ['John McCarthy'], ['Sophie Wilson'], ['Edsger Dijkstra'], ['Annie Easley'], ['Guido van Rossum'],
  ['Shafi Goldwasser'], ['Bjarne Stroustrup'], ['Jean Sammet'], ['Leslie Lamport'], ['Mary Kenneth Keller'],
  ['Niklaus Wirth'], ['Adele Goldberg'], ['Vint Cerf'], ['Evelyn Berezin'], ['Yukihiro Matsumoto'], ['Lynn Conway'],
].map(([name, siteRole, extra]) => {
  const username = name!.toLowerCase().replace(/[^a-z]+/g, '-');
  return {
    name: name!, username, email: `${username}@example.com`,
    ...(siteRole ? { siteRole: siteRole as NewUser['siteRole'] } : {}),
    ...(extra === 'oidc' ? { loginType: 'oidc' as const } : {}),
    ...(extra === 'suspended' ? { suspend: 'On sabbatical until March' } : {}),
  };
});

describe('screenshots of every page, light and dark', suiteOptions(), () => {
  const roster = useRoster({ adminPassword: null });
  const adminPassword = strongPassword('admin');
  let page: Page;
  let api: RosterApi;

  async function shoot(name: string, scheme: 'light' | 'dark'): Promise<void> {
    await settle(page);
    await page.screenshot({ path: path.join(outDir, `${name}-${scheme}.png`), animations: 'disabled', caret: 'hide' });
  }

  async function newUserDialog(scheme: 'light' | 'dark', person: { name: string; email: string }): Promise<void> {
    await button(page, 'New User').click();
    const form = dialog(page, 'New User');
    await field(form, 'Name').fill(person.name);
    await field(form, 'Email').fill(person.email);
    await page.mouse.move(0, 0);
    await shoot('new-user', scheme);
    await button(form, 'Create').click();
    await expectHeading(page, 'Temporary password');
    await shoot('temporary-password', scheme);
    await button(page, 'Done').click();
    await form.waitFor({ state: 'hidden' });
  }

  test('sign-in and change-password pages, light and dark (the system\'s colour scheme)', flow, async () => {
    mkdirSync(outDir, { recursive: true });
    page = await roster.newPage();
    await page.goto('/login');
    await expectHeading(page, 'Sign in');
    await shoot('sign-in', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('sign-in', 'dark');

    await page.emulateMedia({ colorScheme: 'light' });
    await submitSignIn(page, roster.server.adminEmail, roster.server.adminPassword);
    await expectHeading(page, 'Choose a new password');
    await shoot('change-password', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('change-password', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await completeForcedChange(page, roster.server.adminPassword, adminPassword);
  });

  test('Users with 30 people, New User, the temporary password and Account, in light mode', flow, async () => {
    api = await apiSignIn(roster.server.baseUrl, 'admin', adminPassword);
    // One at a time, last first, so "Newest first" lists them in the order above.
    for (const { suspend, ...person } of [...team].reverse()) {
      const { user } = await api.createUser(person);
      if (suspend) await api.suspend(user.id, suspend);
    }
    await openUsersPage(page);
    await userRow(page, 'ada-lovelace').waitFor();
    await shoot('users', 'light');
    await newUserDialog('light', { name: 'Joan Clarke', email: 'joan.clarke@example.com' });
    await chooseMenuItem(page, 'User menu', 'Account');
    await expectHeading(page, 'Account');
    await shoot('account', 'light');
  });

  test('the same pages in dark mode, switched with the header button', flow, async () => {
    await openUsersPage(page);
    await button(page, 'Switch to dark mode').click();
    await button(page, 'Switch to light mode').waitFor();
    await page.mouse.move(0, 0);
    await shoot('users', 'dark');
    await newUserDialog('dark', { name: 'Carol Shaw', email: 'carol.shaw@example.com' });
    await chooseMenuItem(page, 'User menu', 'Account');
    await expectHeading(page, 'Account');
    await page.mouse.move(0, 0);
    await shoot('account', 'dark');
  });
});
