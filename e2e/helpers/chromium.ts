// Which Chromium the browser tests drive, and what to say when there is none.
// No Playwright import here: the test runner reads this before anything starts.
import { existsSync } from 'node:fs';

const debianChromium = '/usr/bin/chromium';

/** CHROMIUM_PATH when set, else Debian's /usr/bin/chromium, else null. */
export function findChromium(): string | null {
  const named = process.env.CHROMIUM_PATH;
  if (named) return named;
  return existsSync(debianChromium) ? debianChromium : null;
}

export function chromiumMissingMessage(): string {
  const named = process.env.CHROMIUM_PATH;
  if (named) return `CHROMIUM_PATH names ${named}, which does not exist.`;
  return 'Chromium was not found: the browser tests need it. Install it with `apt-get install chromium` '
    + `(Debian puts it at ${debianChromium}), or set CHROMIUM_PATH to a Chromium executable.`;
}

/** Null when the browser tests can run; otherwise why not. */
export function chromiumProblem(): string | null {
  const found = findChromium();
  if (found && existsSync(found)) return null;
  return chromiumMissingMessage();
}
