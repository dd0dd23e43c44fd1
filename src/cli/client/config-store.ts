// Where `roster login` keeps {url, token}: $ROSTER_CONFIG_DIR, else
// $XDG_CONFIG_HOME/roster, else ~/.config/roster. The token is a secret, so the
// folder is 0700 and the file 0600, written whole and renamed into place.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError, exitCodes, usageError } from './errors.js';

export interface Credentials {
  url: string;
  token: string;
}

type Env = Record<string, string | undefined>;

export function configDir(env: Env = process.env): string {
  if (env.ROSTER_CONFIG_DIR) return env.ROSTER_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'roster');
}

export function configFile(env: Env = process.env): string {
  return path.join(configDir(env), 'config.json');
}

export function readStored(env: Env = process.env): Partial<Credentials> {
  const file = configFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Credentials>;
    return { url: typeof parsed.url === 'string' ? parsed.url : undefined, token: typeof parsed.token === 'string' ? parsed.token : undefined };
  } catch {
    throw new CliError(`${file} is not valid JSON: run \`roster login\` again.`, exitCodes.unauthenticated);
  }
}

export function store(credentials: Credentials, env: Env = process.env): string {
  const dir = configDir(env);
  const file = configFile(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return file;
}

/** Removes the stored credentials; false when there were none. */
export function forget(env: Env = process.env): boolean {
  const file = configFile(env);
  try {
    rmSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** An http(s) URL, or a usage error naming where it came from. */
export function serverUrl(text: string, from: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`${from} is not a URL: "${text}". Give the server's address, such as https://roster.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`${from} must be an http:// or https:// URL, got "${text}".`);
  return url.href;
}

/** ROSTER_URL and ROSTER_TOKEN win over what `roster login` stored; both are needed. */
export function resolveCredentials(env: Env = process.env): Credentials {
  const stored = env.ROSTER_URL && env.ROSTER_TOKEN ? {} : readStored(env);
  const url = env.ROSTER_URL || stored.url;
  const token = env.ROSTER_TOKEN || stored.token;
  if (!url || !token) {
    throw new CliError('Not logged in: run `roster login URL` first, or set ROSTER_URL and ROSTER_TOKEN.', exitCodes.unauthenticated);
  }
  return { url: serverUrl(url, env.ROSTER_URL ? 'ROSTER_URL' : `The URL in ${configFile(env)}`), token };
}
