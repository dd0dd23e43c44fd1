// One real server and one Chromium per spec file, started in `before` and
// closed in `after`; a fresh browser context for each person in a flow.
//
//   describe('…', suiteOptions(), () => {
//     const roster = useRoster({ adminPassword: strongPassword('admin') });
//     test('…', flow, async () => { const page = await roster.newPage(); … });
//   });
import { after, afterEach, before } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { apiSignIn, type RosterApi } from './api.js';
import { launchChromium, newContext } from './browser.js';
import { chromiumProblem } from './chromium.js';
import { startServer, type E2eServer, type ServerOptions } from './server.js';

/** Per-test options: a flow that hangs fails instead of holding the run. */
export const flow = { timeout: 60_000 } as const;

/**
 * Options for a spec's describe(): without Chromium the specs skip (saying
 * why), except under CI=true, where `before` fails with the same message.
 */
export function suiteOptions(): { skip?: string } {
  const problem = chromiumProblem();
  return problem && process.env.CI !== 'true' ? { skip: problem } : {};
}

export interface Roster {
  readonly server: E2eServer;
  readonly browser: Browser;
  /** A new browser context (a separate person, with no cookies) and a page in it. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** The REST API as the site admin (needs `adminPassword` set, or the forced change done). */
  admin(): Promise<RosterApi>;
}

export function useRoster(options: ServerOptions): Roster {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let adminApi: Promise<RosterApi> | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    const [startedServer, launched] = await Promise.allSettled([startServer(options), launchChromium()]);
    if (startedServer.status === 'fulfilled') server = startedServer.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (startedServer.status === 'rejected') throw startedServer.reason;
    if (launched.status === 'rejected') throw launched.reason;
  }, { timeout: 60_000 });

  // An uncaught exception in the page is a bug whatever the flow asserted.
  afterEach(() => {
    const errors = pageErrors.splice(0);
    if (errors.length) throw new Error(`uncaught error(s) in the page:\n${errors.join('\n')}`);
  });

  after(async () => {
    await Promise.allSettled(contexts.map((c) => c.close()));
    await Promise.allSettled([browser?.close(), server?.stop()]);
  }, { timeout: 30_000 });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start (see the before hook's failure)`);
    return value;
  };

  return {
    get server() { return started(server, 'the Roster server'); },
    get browser() { return started(browser, 'Chromium'); },
    async newPage(contextOptions = {}) {
      const context = await newContext(started(browser, 'Chromium'), started(server, 'the Roster server').baseUrl, contextOptions);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.stack ?? error.message}`));
      return page;
    },
    admin() {
      const s = started(server, 'the Roster server');
      adminApi ??= apiSignIn(s.baseUrl, 'admin', s.adminPassword);
      return adminApi;
    },
  };
}
