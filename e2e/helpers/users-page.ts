// Manage > Users, by the accessible names the page promises (its contract).
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { button, chooseMenuItem, eventually, expectHeading } from './ui.js';

/** Goes to Manage > Users and waits for the "All Users" card with its table. */
export async function openUsersPage(page: Page): Promise<void> {
  await page.goto('/users');
  await expectHeading(page, 'Users');
  await page.getByText('All Users', { exact: true }).waitFor();
  await page.getByRole('columnheader', { name: 'USER', exact: true }).waitFor();
}

/** Goes to Manage > Users through the header's Manage menu. */
export async function openUsersFromMenu(page: Page): Promise<void> {
  await chooseMenuItem(page, 'Manage', 'Users');
  await expectHeading(page, 'Users');
  await page.getByText('All Users', { exact: true }).waitFor();
}

/** The table row of one user, found by its "Actions for <username>" button. */
export function userRow(page: Page, username: string): Locator {
  return page.getByRole('row').filter({ has: button(page, `Actions for ${username}`) });
}

/** Opens a row's ⋮ menu and picks an item. */
export async function rowAction(page: Page, username: string, item: string): Promise<void> {
  await button(page, `Actions for ${username}`).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

export function dialog(page: Page, title: string): Locator {
  return page.getByRole('dialog', { name: title, exact: true });
}

/** The usernames of the rows on screen, in order (from their "Actions for …" buttons). */
export async function usernamesShown(page: Page): Promise<string[]> {
  const labels = await page.getByRole('button', { name: /^Actions for / }).evaluateAll(
    (els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent ?? ''),
  );
  return labels.map((label) => label.replace(/^Actions for /, ''));
}

/** Waits until the table shows exactly these usernames (in this order when `ordered`). */
export async function expectUsernames(page: Page, expected: string[], { ordered = false, timeoutMs = 10_000 } = {}): Promise<void> {
  await eventually(async () => {
    const shown = await usernamesShown(page);
    if (ordered) assert.deepEqual(shown, expected);
    else assert.deepEqual([...shown].sort(), [...expected].sort());
  }, timeoutMs);
}

/** Waits for the row's STATUS badge to read `status`. */
export async function expectStatus(page: Page, username: string, status: 'Active' | 'Suspended' | 'Dormant'): Promise<void> {
  await userRow(page, username).getByText(status, { exact: true }).waitFor();
}

/** Waits for a toast (Mantine notification) with exactly this text. */
export async function expectNotification(page: Page, message: string): Promise<void> {
  await page.getByText(message, { exact: true }).waitFor();
}
