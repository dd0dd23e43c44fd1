// A headless Chromium driven by playwright-core, and browser contexts (one
// per person) with bounded timeouts and a fixed 1280×800 window.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { chromiumMissingMessage, chromiumProblem, findChromium } from './chromium.js';

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

/** How long one action or wait may take before the test fails. */
export const actionTimeoutMs = 10_000;
export const navigationTimeoutMs = 15_000;

export async function launchChromium(): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  const executablePath = findChromium() ?? (() => { throw new Error(chromiumMissingMessage()); })();
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true, timeout: 30_000 });
}

export async function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    ...options,
  });
  context.setDefaultTimeout(actionTimeoutMs);
  context.setDefaultNavigationTimeout(navigationTimeoutMs);
  return context;
}
