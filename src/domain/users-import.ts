// roster users import (issue 7): one batch of rows per request. Every row is
// checked first, the batch is planned with set queries, then every new user
// of the batch, their memberships and one audit entry are written in ONE
// transaction with multi-row inserts: never half a user, and no query per
// row. Should that transaction lose a race (a unique index refuses a row a
// concurrent change just took), it rolls back and the batch is done again one
// transaction per row, so every row still ends created, exists or error.
import type { Transaction } from 'kysely';
import { isUniqueViolation } from '../db/dialects.js';
import { insertMemberships, insertUsers, liveUsersByEmailKeys, takeImportTurn, type NewMembership } from '../db/queries/users-import.js';
import type { Database, NewUserRow } from '../db/schema.js';
import { recordAudit } from './audit.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { generateTemporaryPassword, hashPassword } from './passwords.js';
import { requireActor } from './user-access.js';
import { noClaims, planRows, type BatchClaims, type PlannedRow } from './users-import-plan.js';
import { checkRow, importLimits, isRowError, wantsTemporaryPassword, type CheckedRow, type ImportRowInput, type RowError } from './users-import-rows.js';
import { afterBulkUserWrite } from './table-stats.js';

export interface ImportInput {
  rows: ImportRowInput[];
  dryRun?: boolean;
}

export interface ImportResult {
  line: number;
  status: 'created' | 'exists' | 'error';
  id?: string;
  username?: string;
  temporaryPassword?: string;
  error?: RowError;
}

export interface ImportOutcome {
  results: ImportResult[];
  created: number;
  skipped: number;
  failed: number;
  dryRun: boolean;
}

interface Temporary {
  password: string;
  hash: string;
}

type Written = PlannedRow | { status: 'created'; row: CheckedRow; id: string; username: string };

export async function importUsers(ctx: Ctx, input: ImportInput): Promise<ImportOutcome> {
  const actor = requireActor(ctx);
  const temporaryRows = input.rows.filter(wantsTemporaryPassword).length;
  if (temporaryRows > importLimits.temporaryPasswordsPerRequest) {
    fail('VALIDATION_FAILED', `At most ${importLimits.temporaryPasswordsPerRequest} built-in rows without a passwordHash per request (each costs an argon2id hash); this one has ${temporaryRows}: send them in smaller batches.`, [
      { field: 'rows', detail: `At most ${importLimits.temporaryPasswordsPerRequest} rows that need a temporary password.` },
    ]);
  }
  const checked = input.rows.map((row) => checkRow(actor, row));
  const valid = checked.filter((c): c is CheckedRow => !isRowError(c));
  const dryRun = input.dryRun ?? false;

  let written: Written[];
  const temporary = new Map<CheckedRow, Temporary>();
  if (dryRun) {
    written = await planRows(ctx.db, ctx.db.kysely, valid);
  } else {
    // Hash before the transaction, one at a time: a write lock is never held
    // across argon2, and sign-ins keep their slots in the hash queue. Rows
    // that already exist need no password.
    const wanting = valid.filter((r) => r.temporary);
    if (wanting.length) {
      const existing = new Set((await liveUsersByEmailKeys(ctx.db.kysely, ctx.db.dialect, wanting.map((r) => r.emailKey))).map((u) => u.key));
      for (const row of wanting) {
        if (existing.has(row.emailKey)) continue;
        const password = generateTemporaryPassword();
        temporary.set(row, { password, hash: await hashPassword(password) });
      }
    }
    try {
      written = await ctx.db.kysely.transaction().execute(async (trx) => {
        await takeImportTurn(trx, ctx.db.dialect);
        return writeBatch(trx, ctx, await planRows(ctx.db, trx, valid), temporary, checked.length - valid.length);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      written = await rowByRow(ctx, valid, temporary);
    }
  }

  const byRow = new Map(written.map((w) => [w.row, w]));
  const results = input.rows.map((row, i): ImportResult => {
    const check = checked[i]!;
    if (isRowError(check)) return { line: row.line, status: 'error', error: check };
    return toResult(byRow.get(check)!, temporary);
  });
  const count = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
  const outcome = { results, created: count('created'), skipped: count('exists'), failed: count('error'), dryRun };
  if (!dryRun && outcome.created === 0 && outcome.failed > 0) await recordRefusals(ctx, results);
  if (!dryRun) await afterBulkUserWrite(ctx.db, outcome.created);
  return outcome;
}

function toResult(w: Written, temporary: Map<CheckedRow, Temporary>): ImportResult {
  switch (w.status) {
    case 'create': return { line: w.row.line, status: 'created', username: w.username }; // a dry run: no id yet
    case 'created': {
      const password = temporary.get(w.row)?.password;
      return { line: w.row.line, status: 'created', id: w.id, username: w.username, ...(password ? { temporaryPassword: password } : {}) };
    }
    case 'exists': return { line: w.row.line, status: 'exists', id: w.id, username: w.username };
    case 'error': return { line: w.row.line, status: 'error', error: w.error };
  }
}

/** The users table row of a planned user, exactly as single creation would write it. */
function userRow(ctx: Ctx, p: Extract<PlannedRow, { status: 'create' }>, secret: Temporary | undefined, now: number): NewUserRow {
  return {
    id: newId(now), username: p.username, email: p.row.email, name: p.row.name ?? p.username,
    login_type: p.row.loginType, site_role: p.row.siteRole, status: 'active',
    suspended_reason: null, suspended_until: null,
    must_change_password: secret ? 1 : 0,
    password_hash: secret?.hash ?? p.row.passwordHash,
    password_expires_at: secret ? now + ctx.config.temporaryPasswordLifetime * 1000 : null,
    oidc_issuer: null, oidc_subject: null,
    created_at: now, updated_at: now, last_seen_at: null, deleted_at: null,
  };
}

/** Inserts every planned user of the batch with multi-row statements, and one audit entry for them all. */
async function writeBatch(trx: Transaction<Database>, ctx: Ctx, plan: PlannedRow[], temporary: Map<CheckedRow, Temporary>, refusedBefore = 0): Promise<Written[]> {
  const now = ctx.now();
  const users: NewUserRow[] = [];
  const memberships: NewMembership[] = [];
  const written = plan.map((p): Written => {
    if (p.status !== 'create') return p;
    const secret = temporary.get(p.row);
    if (p.row.temporary && !secret) return { status: 'error', row: p.row, error: changedMeanwhile };
    const user = userRow(ctx, p, secret, now);
    users.push(user);
    for (const org of p.orgs) memberships.push({ org_id: org.id, user_id: user.id, role: org.role, created_at: now });
    return { status: 'created', row: p.row, id: user.id, username: p.username };
  });
  if (users.length === 0) return written;
  // In key order, each index page is visited once per batch rather than at random.
  const byEmail = users.map((u) => ({ key: u.email.toLowerCase(), u })).sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => e.u);
  memberships.sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : a.org_id < b.org_id ? -1 : 1));
  await insertUsers(trx, ctx.db.dialect, byEmail);
  await insertMemberships(trx, ctx.db.dialect, memberships);
  await recordImport(trx, ctx, users, refusedBefore + written.filter((w) => w.status === 'error').length);
  return written;
}

// A row that needed no password when the hashing was done, and needs one now
// (the user holding its email was deleted in between): rare enough to ask for a retry.
const changedMeanwhile: RowError = { code: 'CONFLICT', message: 'The users changed while this batch was imported; import this line again.' };

/** One audit entry for a batch (not one per user): who, how many, which usernames. Never a password or a hash. */
async function recordImport(trx: Transaction<Database>, ctx: Ctx, users: NewUserRow[], refused: number): Promise<void> {
  await recordAudit(trx, ctx, {
    action: 'import', resourceType: 'user',
    target: { id: users.length === 1 ? users[0]!.id : null, name: users.length === 1 ? users[0]!.username : `${users.length} users` },
    diff: { imported: [null, users.length], usernames: [null, users.map((u) => u.username)], ...(refused ? { refused: [null, refused] } : {}) },
  });
}

/** A batch that created nothing but refused rows still leaves a trace (SPEC §5), once, with the first refusals. */
async function recordRefusals(ctx: Ctx, results: ImportResult[]): Promise<void> {
  const refused = results.filter((r) => r.status === 'error');
  const first = refused.slice(0, 5).map((r) => `line ${r.line}: ${r.error!.code}`).join(', ');
  await recordAudit(ctx.db.kysely, ctx, {
    action: 'import', resourceType: 'user', target: { id: null, name: `${refused.length} rows` }, result: 'failure',
    reason: `${refused.length} rows refused (${first}${refused.length > 5 ? ', …' : ''}).`,
  });
}

/**
 * The slow path after a lost race: each row in a transaction of its own, in
 * line order, remembering what earlier rows of the batch claimed so the
 * outcome is still that of one-by-one creation.
 */
async function rowByRow(ctx: Ctx, rows: CheckedRow[], temporary: Map<CheckedRow, Temporary>): Promise<Written[]> {
  const claims: BatchClaims = noClaims();
  const out: Written[] = [];
  for (const row of rows) {
    let result: Written | undefined;
    for (let attempt = 1; !result; attempt++) {
      try {
        result = await ctx.db.kysely.transaction().execute(async (trx) => (await writeBatch(trx, ctx, await planRows(ctx.db, trx, [row], claims), temporary))[0]!);
      } catch (error) {
        // Raced again (a concurrent create took this email or name): plan again, a few times.
        if (!isUniqueViolation(error)) throw error;
        if (attempt === 3) result = { status: 'error', row, error: { code: 'CONFLICT', message: 'A concurrent change kept taking this email or username; import this line again.' } };
      }
    }
    if (result.status === 'created') {
      claims.emails.set(row.emailKey, row.line);
      claims.usernames.set(result.username.toLowerCase(), row.line);
    }
    out.push(result);
  }
  return out;
}
