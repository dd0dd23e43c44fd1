// The one options table: what it makes of the environment and flags, and the
// README section generated from it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { markers, withConfigSection } from '../src/cli/print-config-docs.js';
import { ConfigError, configurationMarkdown, loadConfig, options, parseDuration } from '../src/config.js';

const readmePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError, but the config loaded');
}

describe('README configuration section', () => {
  test('README.md holds exactly the table `npm run docs:config` generates from src/config.ts', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const [start, end] = markers;
    assert.ok(readme.includes(start) && readme.includes(end), 'README.md has both markers');
    assert.equal(readme, withConfigSection(readme), 'README.md is out of date: run `npm run docs:config`');
  });

  test('the generated table lists every option, its flag, its default and whether it is secret', () => {
    const table = configurationMarkdown();
    for (const spec of Object.values(options)) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${spec.env}\` |`));
      assert.ok(row, `${spec.env} has a row`);
      assert.ok(row.includes(`\`${spec.flag}\``));
      assert.ok(row.includes(spec.default === null ? '—' : `\`${spec.default}\``));
      assert.equal(row.includes('*(secret: never logged)*'), 'secret' in spec && spec.secret === true, `${spec.env} secret marker`);
    }
  });

  test('a stale table is replaced and the text around the markers is kept', () => {
    const [start, end] = markers;
    const stale = `# Title\n\nbefore\n${start}\n| old | table |\n${end}\nafter\n`;
    const updated = withConfigSection(stale);
    assert.notEqual(updated, stale);
    assert.equal(updated, `# Title\n\nbefore\n${start}\n${configurationMarkdown()}\n${end}\nafter\n`);
    assert.equal(withConfigSection(updated), updated, 'generating twice changes nothing');
  });

  test('a README without the markers is refused', () => {
    assert.throws(() => withConfigSection('# no markers here\n'), /config:start/);
  });
});

describe('parseDuration', () => {
  test('reads seconds, minutes, hours and days, a bare number being seconds', () => {
    assert.equal(parseDuration('30'), 30);
    assert.equal(parseDuration('30s'), 30);
    assert.equal(parseDuration('15m'), 900);
    assert.equal(parseDuration('12h'), 43_200);
    assert.equal(parseDuration('7d'), 604_800);
    assert.equal(parseDuration(' 7d '), 604_800);
  });

  test('refuses what is not a positive whole duration', () => {
    for (const text of ['forever', '', ' ', '0', '0d', '-1h', '1.5h', '7w', '1e3', 'd', '7 days', '99999999999999999999d']) {
      assert.equal(parseDuration(text), null, JSON.stringify(text));
    }
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('defaults: 127.0.0.1:3000, ./data, SQLite, admin@roster.local, 7-day lifetimes, info logs', () => {
    const config = loadConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3000);
    assert.equal(config.publicUrl.href, 'http://127.0.0.1:3000/');
    assert.equal(config.dataDir, path.resolve('data'));
    assert.equal(config.databaseUrl, null);
    assert.equal(config.adminEmail, 'admin@roster.local');
    assert.equal(config.adminPassword, null);
    assert.equal(config.sessionLifetime, 7 * 86_400);
    assert.equal(config.temporaryPasswordLifetime, 7 * 86_400);
    assert.equal(config.logLevel, 'info');
    assert.ok(Object.isFrozen(config));
  });

  test('reads every option from its environment variable', () => {
    const config = loadConfig({
      ROSTER_ADDRESS: '0.0.0.0:8080',
      ROSTER_PUBLIC_URL: 'https://roster.example.com',
      ROSTER_DATA_DIR: dir,
      ROSTER_DATABASE_URL: 'postgres://roster:secret@db.example.com:5432/roster',
      ROSTER_ADMIN_EMAIL: 'ops@example.com',
      ROSTER_ADMIN_PASSWORD: 'a-chosen-admin-passphrase',
      ROSTER_SESSION_LIFETIME: '12h',
      ROSTER_TEMPORARY_PASSWORD_LIFETIME: '30m',
      ROSTER_LOG_LEVEL: 'debug',
    });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.port, 8080);
    assert.equal(config.publicUrl.origin, 'https://roster.example.com');
    assert.equal(config.dataDir, dir);
    assert.equal(config.databaseUrl, 'postgres://roster:secret@db.example.com:5432/roster');
    assert.equal(config.adminEmail, 'ops@example.com');
    assert.equal(config.adminPassword, 'a-chosen-admin-passphrase');
    assert.equal(config.sessionLifetime, 43_200);
    assert.equal(config.temporaryPasswordLifetime, 1_800);
    assert.equal(config.logLevel, 'debug');
  });

  test('flags win over the environment', () => {
    const config = loadConfig(
      { ROSTER_ADDRESS: '127.0.0.1:4000', ROSTER_SESSION_LIFETIME: '1d', ROSTER_LOG_LEVEL: 'warn' },
      { address: '127.0.0.1:5000', sessionLifetime: '2h' },
    );
    assert.equal(config.port, 5000);
    assert.equal(config.publicUrl.href, 'http://127.0.0.1:5000/', 'the default public URL follows the address in force');
    assert.equal(config.sessionLifetime, 7_200);
    assert.equal(config.logLevel, 'warn', 'an option without a flag still comes from the environment');
  });

  test('a flag is checked like the variable it overrides', () => {
    const error = configError(() => loadConfig({ ROSTER_SESSION_LIFETIME: '1d' }, { sessionLifetime: 'forever' }));
    assert.match(error.message, /ROSTER_SESSION_LIFETIME/);
    assert.match(error.message, /--session-lifetime/);
  });

  test('an IPv6 address in brackets gives its host and port', () => {
    const config = loadConfig({ ROSTER_ADDRESS: '[::1]:8443' });
    assert.equal(config.host, '::1');
    assert.equal(config.port, 8443);
  });

  for (const [variable, value] of [
    ['ROSTER_ADDRESS', 'nonsense'],
    ['ROSTER_ADDRESS', '127.0.0.1'],
    ['ROSTER_ADDRESS', '127.0.0.1:70000'],
    ['ROSTER_ADDRESS', 'local host:3000'],
    ['ROSTER_PUBLIC_URL', 'not a url'],
    ['ROSTER_PUBLIC_URL', 'ftp://roster.example.com'],
    ['ROSTER_DATABASE_URL', 'mysql://roster@db.example.com/roster'],
    ['ROSTER_ADMIN_EMAIL', 'not-an-email'],
    ['ROSTER_SESSION_LIFETIME', 'forever'],
    ['ROSTER_SESSION_LIFETIME', '0'],
    ['ROSTER_TEMPORARY_PASSWORD_LIFETIME', '1 week'],
    ['ROSTER_LOG_LEVEL', 'loud'],
  ] as const) {
    test(`${variable}=${JSON.stringify(value)} throws a ConfigError naming ${variable}`, () => {
      const error = configError(() => loadConfig({ [variable]: value }));
      assert.match(error.message, new RegExp(variable));
    });
  }

  test('a bad secret option is named without echoing its value', () => {
    const url = configError(() => loadConfig({ ROSTER_DATABASE_URL: 'no url, hunter2' }));
    assert.match(url.message, /ROSTER_DATABASE_URL/);
    assert.ok(!url.message.includes('hunter2'), url.message);
  });

  test('an empty environment variable counts as unset', () => {
    const config = loadConfig({ ROSTER_DATABASE_URL: '', ROSTER_ADMIN_PASSWORD: '', ROSTER_ADDRESS: '' });
    assert.equal(config.databaseUrl, null);
    assert.equal(config.adminPassword, null);
    assert.equal(config.port, 3000);
  });

  test('ROSTER_ADMIN_PASSWORD_FILE supplies the first line of the file; ROSTER_ADMIN_PASSWORD wins over it', () => {
    const file = path.join(dir, 'admin-password');
    writeFileSync(file, 'first-line-passphrase\r\nsecond line\n');
    assert.equal(loadConfig({ ROSTER_ADMIN_PASSWORD_FILE: file }).adminPassword, 'first-line-passphrase');
    assert.equal(loadConfig({ ROSTER_ADMIN_PASSWORD_FILE: file, ROSTER_ADMIN_PASSWORD: 'from-the-variable' }).adminPassword, 'from-the-variable');
  });

  test('a missing or empty ROSTER_ADMIN_PASSWORD_FILE throws a ConfigError naming it', () => {
    const missing = configError(() => loadConfig({ ROSTER_ADMIN_PASSWORD_FILE: path.join(dir, 'no-such-file') }));
    assert.match(missing.message, /ROSTER_ADMIN_PASSWORD_FILE/);
    const empty = path.join(dir, 'empty');
    writeFileSync(empty, '\nsecond line\n');
    assert.match(configError(() => loadConfig({ ROSTER_ADMIN_PASSWORD_FILE: empty })).message, /ROSTER_ADMIN_PASSWORD_FILE/);
  });
});
