// One row of a bulk import (issue 7), checked on its own: no database, so a
// whole batch is checked before any query runs. The rules are those of single
// creation (SPEC §1.1–1.2): the same email and username rules, the same roles
// an actor may grant, and the same organization semantics.
import { z } from 'zod';
import type { LoginType, SiteRole } from '../db/schema.js';
import type { Actor } from './context.js';
import type { FieldProblem } from './errors.js';
import { isImportablePasswordHash } from './legacy-hashes.js';
import { mayAssign } from './permissions.js';
import { usernameProblem } from './usernames.js';

export const importLimits = {
  /**
   * Each batch is one transaction, and on SQLite a commit writes out every
   * page the batch touched: new users land all over the two unique indexes
   * (email, username), so 10,000 rows a commit write about a fifth of what
   * five commits of 2,000 write. An import of a million is some 25 % faster.
   */
  rowsPerRequest: 10_000,
  /** Each such row costs one argon2id hash, run one at a time so sign-ins keep their slots. */
  temporaryPasswordsPerRequest: 50,
  fieldLength: 1024,
  organizationsPerRow: 50,
} as const;

/** A row as the API receives it: every field a string, checked here. */
export interface ImportRowInput {
  line: number;
  email: string;
  username?: string;
  name?: string;
  loginType?: string;
  role?: string;
  organizations?: string[];
  passwordHash?: string;
}

export interface RowError {
  code: string;
  message: string;
  fields?: FieldProblem[];
}

export interface CheckedRow {
  line: number;
  email: string;
  /** The email as the unique index `lower(email)` compares it. */
  emailKey: string;
  /** Given in the row; undefined: derived from the email. */
  username: string | undefined;
  name: string | undefined;
  loginType: LoginType;
  siteRole: SiteRole;
  orgRefs: string[];
  /** An imported hash, stored as given. */
  passwordHash: string | null;
  /** Built-in without a hash: gets a generated temporary password. */
  temporary: boolean;
}

// The same rules as the single-creation body (schemas/common.ts Email, schemas/users.ts Name).
const emailRule = z.email().max(254);
const nameMaxLength = 128;
const importableRoles: readonly SiteRole[] = ['member', 'auditor', 'site-manager'];

const problem = (code: string, message: string, field: string, detail: string): RowError => ({ code, message, fields: [{ field, detail }] });
const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/** Built-in rows without a hash: each needs a temporary password (and an argon2id hash). */
export function wantsTemporaryPassword(row: ImportRowInput): boolean {
  return (row.loginType ?? '').trim().toLowerCase() === 'built-in' && blank(row.passwordHash);
}

export function checkRow(actor: Actor, row: ImportRowInput): CheckedRow | RowError {
  const email = row.email.trim();
  if (email === '') return problem('VALIDATION_FAILED', 'The email is missing.', 'email', 'Required.');
  if (!emailRule.safeParse(email).success) return problem('VALIDATION_FAILED', `Invalid email: ${email.slice(0, 80)}`, 'email', 'Not a valid email address.');

  const username = blank(row.username) ? undefined : row.username!.trim();
  if (username !== undefined) {
    const why = usernameProblem(username);
    if (why) return problem('VALIDATION_FAILED', `Invalid username: ${why}`, 'username', why);
  }

  const name = blank(row.name) ? undefined : row.name!.trim();
  if (name !== undefined && name.length > nameMaxLength) {
    return problem('VALIDATION_FAILED', `The name is longer than ${nameMaxLength} characters.`, 'name', `At most ${nameMaxLength} characters.`);
  }

  const loginType = blank(row.loginType) ? 'oidc' : row.loginType!.trim().toLowerCase();
  if (loginType !== 'oidc' && loginType !== 'built-in') {
    return problem('VALIDATION_FAILED', `Unknown login type "${row.loginType!.slice(0, 40)}": use oidc or built-in.`, 'loginType', 'oidc or built-in.');
  }

  const roleText = blank(row.role) ? 'member' : row.role!.trim().toLowerCase();
  if (!(importableRoles as readonly string[]).includes(roleText) && roleText !== 'site-admin') {
    return problem('VALIDATION_FAILED', `Unknown role "${row.role!.slice(0, 40)}": use member, auditor or site-manager.`, 'role', 'member, auditor or site-manager.');
  }
  const siteRole = roleText as SiteRole;
  // The one guardrail single creation applies: only roles the actor may grant (never site-admin).
  if (!mayAssign(actor.role, siteRole)) return problem('FORBIDDEN', `You cannot grant the ${siteRole} role.`, 'role', 'Not a role you may grant.');

  const orgRefs = [...new Set((row.organizations ?? []).map((o) => o.trim()).filter((o) => o !== ''))];

  let passwordHash: string | null = null;
  if (!blank(row.passwordHash)) {
    if (loginType !== 'built-in') {
      return problem('VALIDATION_FAILED', 'A password hash goes only with login type built-in.', 'passwordHash', 'Only for built-in users.');
    }
    passwordHash = row.passwordHash!.trim();
    if (!isImportablePasswordHash(passwordHash)) {
      return problem('VALIDATION_FAILED', 'The password hash is not one Roster can verify: use a PHC-format argon2, bcrypt, PBKDF2 or scrypt hash.', 'passwordHash', 'Unsupported or malformed hash.');
    }
  }

  return {
    line: row.line, email, emailKey: email.toLowerCase(), username, name, loginType, siteRole, orgRefs, passwordHash,
    temporary: loginType === 'built-in' && passwordHash === null,
  };
}

export const isRowError = (value: CheckedRow | RowError): value is RowError => 'code' in value;
