// The one options table. Environment variables, `roster server` flags, defaults
// and the README's configuration section all come from `options` below.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Kind = 'string' | 'duration' | 'port-address' | 'url' | 'log-level' | 'email' | 'boolean' | 'count';

interface OptionSpec {
  env: string;
  flag: string;
  kind: Kind;
  default: string | null;
  secret?: boolean;
  doc: string;
}

export const options = {
  address: {
    env: 'ROSTER_ADDRESS', flag: '--address', kind: 'port-address', default: '127.0.0.1:3000',
    doc: 'Host and port the HTTP server listens on.',
  },
  publicUrl: {
    env: 'ROSTER_PUBLIC_URL', flag: '--public-url', kind: 'url', default: null,
    doc: 'The URL people use to reach Roster (e.g. https://roster.example.com). Decides the Secure cookie flag and the same-origin check. Defaults to http://ADDRESS.',
  },
  dataDir: {
    env: 'ROSTER_DATA_DIR', flag: '--data-dir', kind: 'string', default: './data',
    doc: 'Folder for the SQLite database and the secrets key.',
  },
  databaseUrl: {
    env: 'ROSTER_DATABASE_URL', flag: '--database-url', kind: 'url', default: null, secret: true,
    doc: 'PostgreSQL connection URL (postgres://…). When unset, Roster uses SQLite in the data folder.',
  },
  adminEmail: {
    env: 'ROSTER_ADMIN_EMAIL', flag: '--admin-email', kind: 'email', default: 'admin@roster.local',
    doc: 'Email of the site admin created on first start.',
  },
  adminPassword: {
    env: 'ROSTER_ADMIN_PASSWORD', flag: '--admin-password', kind: 'string', default: null, secret: true,
    doc: 'Password for the site admin created on first start, instead of a printed temporary one.',
  },
  adminPasswordFile: {
    env: 'ROSTER_ADMIN_PASSWORD_FILE', flag: '--admin-password-file', kind: 'string', default: null,
    doc: 'File holding the first-start admin password (first line).',
  },
  sessionLifetime: {
    env: 'ROSTER_SESSION_LIFETIME', flag: '--session-lifetime', kind: 'duration', default: '7d',
    doc: 'How long a sign-in session lasts (e.g. 12h, 7d).',
  },
  temporaryPasswordLifetime: {
    env: 'ROSTER_TEMPORARY_PASSWORD_LIFETIME', flag: '--temporary-password-lifetime', kind: 'duration', default: '7d',
    doc: 'How long a temporary password stays valid.',
  },
  logLevel: {
    env: 'ROSTER_LOG_LEVEL', flag: '--log-level', kind: 'log-level', default: 'info',
    doc: 'fatal, error, warn, info, debug, trace or silent.',
  },
  loginLockAfter: {
    env: 'ROSTER_LOGIN_LOCK_AFTER', flag: '--login-lock-after', kind: 'count', default: '5',
    doc: 'Failed sign-ins to one account (within 15 minutes) before it is locked, for 30 s and then twice as long each time, up to 15 min.',
  },
  loginLockAfterPerAddress: {
    env: 'ROSTER_LOGIN_LOCK_AFTER_PER_ADDRESS', flag: '--login-lock-after-per-address', kind: 'count', default: '50',
    doc: 'Failed sign-ins from one client address (within 15 minutes) before it is locked the same way.',
  },
  signInQueue: {
    env: 'ROSTER_SIGN_IN_QUEUE', flag: '--sign-in-queue', kind: 'count', default: '64',
    doc: 'Password checks that may wait for a free hashing slot (one runs per CPU core, at most four); beyond that, or after 2 s of waiting, sign-in answers 503 with Retry-After at once.',
  },
  trustedProxies: {
    env: 'ROSTER_TRUSTED_PROXIES', flag: '--trusted-proxies', kind: 'string', default: null,
    doc: "Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client. Unset: the connection's own address is the client's.",
  },
  maxTokenLifetime: {
    env: 'ROSTER_MAX_TOKEN_LIFETIME', flag: '--max-token-lifetime', kind: 'duration', default: '365d',
    doc: 'Longest lifetime an API token may have; also the lifetime of a token created without one.',
  },
  secretKey: {
    env: 'ROSTER_SECRET_KEY', flag: '--secret-key', kind: 'string', default: null, secret: true,
    doc: 'Key that encrypts stored secrets (the OIDC client secret); at least 32 characters. When unset, a key is generated in the data folder. Give every instance the same key when several share one PostgreSQL.',
  },
  oidcIssuer: {
    env: 'ROSTER_OIDC_ISSUER', flag: '--oidc-issuer', kind: 'url', default: null,
    doc: "OpenID Connect issuer URL of the organisation's identity provider. Any OIDC option set here overrides Manage > Admin > Authentication and shows there read-only.",
  },
  oidcClientId: { env: 'ROSTER_OIDC_CLIENT_ID', flag: '--oidc-client-id', kind: 'string', default: null, doc: 'OIDC client ID registered for Roster.' },
  oidcClientSecret: { env: 'ROSTER_OIDC_CLIENT_SECRET', flag: '--oidc-client-secret', kind: 'string', default: null, secret: true, doc: 'OIDC client secret.' },
  oidcScopes: { env: 'ROSTER_OIDC_SCOPES', flag: '--oidc-scopes', kind: 'string', default: null, doc: 'Scopes requested besides openid, email and profile (space- or comma-separated).' },
  oidcAutoCreate: { env: 'ROSTER_OIDC_AUTO_CREATE', flag: '--oidc-auto-create', kind: 'boolean', default: null, doc: 'Create unknown users at their first OIDC sign-in (true/false; default true).' },
  oidcDisableBuiltin: { env: 'ROSTER_OIDC_DISABLE_BUILTIN', flag: '--oidc-disable-builtin', kind: 'boolean', default: null, doc: 'Hide password sign-in except the "Admin login" path for the site admin and site managers (true/false; default false).' },
  oidcRequireEmailVerified: { env: 'ROSTER_OIDC_REQUIRE_EMAIL_VERIFIED', flag: '--oidc-require-email-verified', kind: 'boolean', default: null, doc: 'Refuse identities whose email_verified is false (true/false; default true).' },
  oidcEmailClaim: { env: 'ROSTER_OIDC_EMAIL_CLAIM', flag: '--oidc-email-claim', kind: 'string', default: null, doc: 'Claim holding the email (default email).' },
  oidcUsernameClaim: { env: 'ROSTER_OIDC_USERNAME_CLAIM', flag: '--oidc-username-claim', kind: 'string', default: null, doc: 'Claim holding the username (default preferred_username).' },
  oidcNameClaim: { env: 'ROSTER_OIDC_NAME_CLAIM', flag: '--oidc-name-claim', kind: 'string', default: null, doc: 'Claim holding the display name (default name).' },
  oidcButtonLabel: { env: 'ROSTER_OIDC_BUTTON_LABEL', flag: '--oidc-button-label', kind: 'string', default: null, doc: 'Label of the sign-in button (default "Sign in with OpenID Connect").' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof options;

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: URL;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly adminEmail: string;
  readonly adminPassword: string | null;
  /** Seconds. */
  readonly sessionLifetime: number;
  /** Seconds. */
  readonly temporaryPasswordLifetime: number;
  /** Seconds. */
  readonly maxTokenLifetime: number;
  readonly loginLockAfter: number;
  readonly loginLockAfterPerAddress: number;
  readonly signInQueue: number;
  readonly trustedProxies: string[];
  readonly logLevel: string;
  readonly secretKey: string | null;
  /** Only the OIDC settings given by environment or flag: they win over stored ones. */
  readonly oidc: Readonly<OidcOverrides>;
}

export interface OidcOverrides {
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  autoCreate?: boolean;
  disableBuiltin?: boolean;
  requireEmailVerified?: boolean;
  emailClaim?: string;
  usernameClaim?: string;
  nameClaim?: string;
  buttonLabel?: string;
}

export class ConfigError extends Error {}

const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * durationUnits[match[2] || 's']!;
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : null;
}

export function parseBoolean(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  return null;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function check(name: OptionName, value: string): void {
  const spec: OptionSpec = options[name];
  const bad = (why: string) => new ConfigError(`${spec.env} (${spec.flag}): ${why}, got "${spec.secret ? '******' : value}"`);
  switch (spec.kind) {
    case 'duration':
      if (parseDuration(value) === null) throw bad('expected a duration such as 30m, 12h or 7d');
      break;
    case 'port-address':
      if (!/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(value) || Number(value.split(':').pop()) > 65535) {
        throw bad('expected HOST:PORT');
      }
      break;
    case 'url':
      if (!URL.canParse(value)) throw bad('expected a URL');
      break;
    case 'log-level':
      if (!logLevels.includes(value)) throw bad(`expected one of ${logLevels.join(', ')}`);
      break;
    case 'email':
      if (!/^[^\s@]+@[^\s@]+$/.test(value)) throw bad('expected an email address');
      break;
    case 'count':
      if (!/^[1-9]\d{0,6}$/.test(value)) throw bad('expected a whole number from 1');
      break;
    case 'boolean':
      if (parseBoolean(value) === null) throw bad('expected true or false');
      break;
    case 'string':
      if (value === '') throw bad('must not be empty');
  }
}

/**
 * Builds the frozen config from flags (highest), then the environment, then
 * defaults. Throws ConfigError naming the bad option.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  flags: Partial<Record<OptionName, string>> = {},
): Config {
  const raw = {} as Record<OptionName, string | null>;
  for (const name of Object.keys(options) as OptionName[]) {
    // An empty variable (ROSTER_DATABASE_URL= in a compose file) means unset.
    const value = flags[name] ?? (env[options[name].env] || undefined) ?? options[name].default;
    if (value !== null) check(name, value);
    raw[name] = value;
  }
  const address = raw.address!;
  const split = address.lastIndexOf(':');
  const host = address.slice(0, split).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(split + 1));
  const publicUrl = new URL(raw.publicUrl ?? `http://${address}`);
  if (publicUrl.protocol !== 'http:' && publicUrl.protocol !== 'https:') {
    throw new ConfigError(`${options.publicUrl.env}: expected an http or https URL`);
  }
  if (raw.databaseUrl && !/^postgres(ql)?:$/.test(new URL(raw.databaseUrl).protocol)) {
    throw new ConfigError(`${options.databaseUrl.env}: expected a postgres:// URL`);
  }
  let adminPassword = raw.adminPassword;
  if (!adminPassword && raw.adminPasswordFile) {
    try {
      adminPassword = readFileSync(raw.adminPasswordFile, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch (error) {
      throw new ConfigError(`${options.adminPasswordFile.env}: cannot read ${raw.adminPasswordFile}: ${(error as Error).message}`);
    }
    if (!adminPassword) throw new ConfigError(`${options.adminPasswordFile.env}: the file is empty`);
  }
  if (raw.secretKey !== null && raw.secretKey.length < 32) {
    throw new ConfigError(`${options.secretKey.env}: must be at least 32 characters`);
  }
  const oidc: OidcOverrides = {};
  if (raw.oidcIssuer) oidc.issuer = raw.oidcIssuer;
  if (raw.oidcClientId) oidc.clientId = raw.oidcClientId;
  if (raw.oidcClientSecret) oidc.clientSecret = raw.oidcClientSecret;
  if (raw.oidcScopes) oidc.scopes = raw.oidcScopes.split(/[\s,]+/).filter(Boolean);
  if (raw.oidcAutoCreate) oidc.autoCreate = parseBoolean(raw.oidcAutoCreate)!;
  if (raw.oidcDisableBuiltin) oidc.disableBuiltin = parseBoolean(raw.oidcDisableBuiltin)!;
  if (raw.oidcRequireEmailVerified) oidc.requireEmailVerified = parseBoolean(raw.oidcRequireEmailVerified)!;
  if (raw.oidcEmailClaim) oidc.emailClaim = raw.oidcEmailClaim;
  if (raw.oidcUsernameClaim) oidc.usernameClaim = raw.oidcUsernameClaim;
  if (raw.oidcNameClaim) oidc.nameClaim = raw.oidcNameClaim;
  if (raw.oidcButtonLabel) oidc.buttonLabel = raw.oidcButtonLabel;
  return Object.freeze({
    host,
    port,
    publicUrl,
    dataDir: path.resolve(raw.dataDir!),
    databaseUrl: raw.databaseUrl,
    adminEmail: raw.adminEmail!,
    adminPassword,
    sessionLifetime: parseDuration(raw.sessionLifetime!)!,
    temporaryPasswordLifetime: parseDuration(raw.temporaryPasswordLifetime!)!,
    maxTokenLifetime: parseDuration(raw.maxTokenLifetime!)!,
    loginLockAfter: Number(raw.loginLockAfter),
    loginLockAfterPerAddress: Number(raw.loginLockAfterPerAddress),
    signInQueue: Number(raw.signInQueue),
    trustedProxies: raw.trustedProxies ? raw.trustedProxies.split(',').map((p) => p.trim()).filter(Boolean) : [],
    logLevel: raw.logLevel!,
    secretKey: raw.secretKey,
    oidc: Object.freeze(oidc),
  });
}

/** The README's configuration table, generated from `options`. */
export function configurationMarkdown(): string {
  const rows = Object.values(options as Record<string, OptionSpec>).map((o) =>
    `| \`${o.env}\` | \`${o.flag}\` | ${o.default === null ? '—' : `\`${o.default}\``} | ${o.doc}${o.secret ? ' *(secret: never logged)*' : ''} |`);
  return ['| environment variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
