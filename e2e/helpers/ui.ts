// What a person does in the UI, by the names they see (accessible names only).
import type { Locator, Page } from 'playwright-core';
import { actionTimeoutMs } from './browser.js';

/** Retries `check` until it stops throwing or `timeoutMs` passes; then throws its last error. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = actionTimeoutMs): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export function heading(page: Page, name: string): Locator {
  return page.getByRole('heading', { name, exact: true });
}

export function button(page: Page | Locator, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

/** Waits for the page to show this heading (and so for the page to have loaded). */
export async function expectHeading(page: Page, name: string): Promise<void> {
  await heading(page, name).waitFor({ state: 'visible' });
}

/** Fills the sign-in form and presses Sign in, wherever that leads. */
export async function submitSignIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await expectHeading(page, 'Sign in');
  await page.getByLabel('Email or username', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await button(page, 'Sign in').click();
}

/** Signs in and waits until the sign-in page has given way to the app. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await submitSignIn(page, login, password);
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Sets the new password on the forced change-password screen. */
export async function completeForcedChange(page: Page, temporaryPassword: string, newPassword: string): Promise<void> {
  await expectHeading(page, 'Choose a new password');
  await page.getByLabel('Temporary password', { exact: true }).fill(temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
  await button(page, 'Set password and continue').click();
  await page.waitForURL((url) => url.pathname !== '/change-password');
}

/**
 * The header's user menu button. Matched by "User menu" within its name, not
 * exactly: axe wants the visible user name in it too (label-content-name-mismatch).
 */
export function userMenu(page: Page): Locator {
  return page.getByRole('button', { name: 'User menu' });
}

/** Opens a header menu ("Manage", "User menu") and picks one of its items. */
export async function chooseMenuItem(page: Page, menuButton: 'Manage' | 'User menu', item: string): Promise<void> {
  await (menuButton === 'User menu' ? userMenu(page) : button(page, menuButton)).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  // As a person would: the menu has gone before the next thing is looked at.
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

export async function signOut(page: Page): Promise<void> {
  await chooseMenuItem(page, 'User menu', 'Sign out');
  await page.waitForURL((url) => url.pathname === '/login');
  await expectHeading(page, 'Sign in');
}

/** The form control with this label: a <select>, or a Mantine Select's input. */
export function field(scope: Page | Locator, label: string): Locator {
  // A Mantine Select gives its listbox of options the same label as its input.
  return scope.getByLabel(label, { exact: true }).and(scope.locator(':not([role="listbox"])'));
}

/**
 * Picks `option` in the control labelled `label`: a native <select>, a
 * Mantine Select (combobox with a listbox of options), or a radio group.
 */
export async function chooseOption(page: Page, label: string, option: string, scope: Page | Locator = page): Promise<void> {
  const control = field(scope, label);
  const kind = await control.evaluate((el) => (el.tagName === 'SELECT' ? 'select' : el.getAttribute('role') === 'radiogroup' ? 'radiogroup' : 'combobox'));
  if (kind === 'select') {
    await control.selectOption({ label: option });
  } else if (kind === 'radiogroup') {
    await control.getByRole('radio', { name: option, exact: true }).check();
  } else {
    await control.click();
    // Mantine renders the options in a portal: look for them page-wide.
    await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  }
}

/** The value a select shows: the chosen option's label. */
export async function selectedOption(scope: Page | Locator, label: string): Promise<string> {
  const control = field(scope, label);
  return control.evaluate((el) => (el instanceof HTMLSelectElement ? el.selectedOptions[0]?.label ?? '' : (el as HTMLInputElement).value));
}

/** The text of the role=alert elements on the page right now. */
export async function alertTexts(page: Page): Promise<string[]> {
  return page.getByRole('alert').allInnerTexts();
}

/** Whether the field is marked invalid, and the texts it is described by (its hint and its error). */
export async function fieldMessages(scope: Page | Locator, label: string): Promise<{ invalid: boolean; texts: string[] }> {
  return field(scope, label).evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid') === 'true',
    texts: (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? ''),
  }));
}

/**
 * Waits until the field is tied (aria-describedby) to a message with exactly
 * this text: an error shown beside its field, and read out with it. (Not
 * aria-invalid: Mantine's PasswordInput does not set it on its input.)
 */
export async function expectFieldError(scope: Page | Locator, label: string, message: string): Promise<void> {
  let last: { invalid: boolean; texts: string[] } | undefined;
  try {
    await eventually(async () => {
      last = await fieldMessages(scope, label);
      if (!last.texts.includes(message)) throw new Error('not yet');
    });
  } catch {
    throw new Error(`expected "${label}" to show the error ${JSON.stringify(message)} beside it; it is described by ${JSON.stringify(last?.texts)}`);
  }
}

/** Presses Tab until `target` has the keyboard focus; fails after `maxPresses`. */
export async function tabTo(page: Page, target: Locator, what: string, maxPresses = 30): Promise<void> {
  await target.waitFor();
  for (let presses = 0; ; presses++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    if (presses === maxPresses) {
      const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
      throw new Error(`${maxPresses} presses of Tab did not reach ${what}; the focus is on ${focused}`);
    }
    await page.keyboard.press('Tab');
  }
}

/** Whether `target` has the keyboard focus. */
export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/** Lets opening and closing transitions end, so nothing is scanned or pictured half-faded. */
export async function settle(page: Page): Promise<void> {
  // (No named functions inside evaluate: tsx would wrap them in a __name() the page lacks.)
  await page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}
