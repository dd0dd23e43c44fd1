// What a batch of checked import rows would do, decided with a few set
// queries for the whole batch (never a query per row): which rows already
// exist, which collide with a user or an earlier row, and the username each
// new user gets. The outcome is what creating the rows one by one, in line
// order, through single creation would give: the same username derivation
// (usernameCandidate), the same organization resolution, the same conflicts.
// The dry run and the real run both ask this, so they cannot disagree.
import { defaultOrgs, orgsByIdsOrNames } from '../db/queries/orgs.js';
import type { Db } from '../db/dialects.js';
import { liveUsersByEmailKeys, takenUsernameKeys } from '../db/queries/users-import.js';
import type { OrgRole, OrgRow } from '../db/schema.js';
import type { Executor } from './context.js';
import type { CheckedRow, RowError } from './users-import-rows.js';
import { usernameCandidate } from './usernames.js';

export type PlannedRow =
  | { status: 'create'; row: CheckedRow; username: string; orgs: { id: string; role: OrgRole }[] }
  | { status: 'exists'; row: CheckedRow; id: string; username: string }
  | { status: 'error'; row: CheckedRow; error: RowError };

/** Emails and usernames (lower-case) claimed by earlier rows of the batch that are to be created, with their lines. */
export interface BatchClaims {
  emails: Map<string, number>;
  usernames: Map<string, number>;
}

export const noClaims = (): BatchClaims => ({ emails: new Map(), usernames: new Map() });

/** How many derivation candidates to look up at once when a row's first choice is taken (as deriveUsername does). */
const candidatesPerLookup = 20;

async function orgResolver(executor: Executor, rows: CheckedRow[]) {
  const refs = [...new Set(rows.flatMap((r) => r.orgRefs))];
  const found: OrgRow[] = [];
  for (let at = 0; at < refs.length; at += 500) found.push(...await orgsByIdsOrNames(executor, refs.slice(at, at + 500)));
  const byId = new Map(found.map((o) => [o.id, o]));
  const byName = new Map(found.map((o) => [o.name.toLowerCase(), o]));
  const defaults = rows.some((r) => r.orgRefs.length === 0) ? await defaultOrgs(executor) : [];
  // The same answer as resolveNewUserOrgs in users-create.ts: the ones named, or every default one.
  return (row: CheckedRow): { orgs: { id: string; role: OrgRole }[] } | { missing: string[] } => {
    if (row.orgRefs.length === 0) return { orgs: defaults.map((o) => ({ id: o.id, role: o.default_role })) };
    const orgs = new Map<string, { id: string; role: OrgRole }>();
    const missing: string[] = [];
    for (const ref of row.orgRefs) {
      const org = byId.get(ref) ?? byName.get(ref.toLowerCase());
      if (org) orgs.set(org.id, { id: org.id, role: org.default_role });
      else missing.push(ref);
    }
    return missing.length ? { missing } : { orgs: [...orgs.values()] };
  };
}

export async function planRows(db: Pick<Db, 'dialect'>, executor: Executor, rows: CheckedRow[], claims: BatchClaims = noClaims()): Promise<PlannedRow[]> {
  if (rows.length === 0) return [];
  const resolveOrgs = await orgResolver(executor, rows);
  const existing = new Map((await liveUsersByEmailKeys(executor, db.dialect, rows.map((r) => r.emailKey))).map((u) => [u.key, u]));
  // Whether a (lower-case) username is held by a live user, for every name the walk has needed so far.
  const known = new Map<string, boolean>();
  const lookUp = async (keys: Iterable<string>) => {
    const wanted = [...keys];
    const taken = await takenUsernameKeys(executor, db.dialect, wanted);
    for (const key of wanted) known.set(key, taken.has(key));
  };
  await lookUp(rows.map((r) => (r.username ?? usernameCandidate(r.email, 1)).toLowerCase()));

  // Walk the rows in line order. A derived username whose next candidate has
  // not been looked up yet leaves the walk unfinished: look the candidates up
  // (for every such row at once) and walk again from the start.
  for (;;) {
    const emails = new Map(claims.emails);
    const usernames = new Map(claims.usernames);
    const unknown = new Set<string>();
    const planned: PlannedRow[] = [];
    for (const row of rows) {
      const sameEmail = emails.get(row.emailKey);
      if (sameEmail !== undefined) {
        planned.push({ status: 'error', row, error: { code: 'DUPLICATE_ROW', message: `The same email as line ${sameEmail}.`, fields: [{ field: 'email', detail: `Also on line ${sameEmail}.` }] } });
        continue;
      }
      const owner = existing.get(row.emailKey);
      if (owner) {
        planned.push({ status: 'exists', row, id: owner.id, username: owner.username });
        continue;
      }
      const orgs = resolveOrgs(row);
      if ('missing' in orgs) {
        planned.push({
          status: 'error', row,
          error: { code: 'VALIDATION_FAILED', message: `Unknown organization: ${orgs.missing.join(', ')}.`, fields: orgs.missing.map((m) => ({ field: 'organizations', detail: `No organization "${m}".` })) },
        });
        continue;
      }
      let username: string | undefined;
      if (row.username !== undefined) {
        const key = row.username.toLowerCase();
        const sameName = usernames.get(key);
        if (known.get(key)) {
          planned.push({ status: 'error', row, error: { code: 'USERNAME_TAKEN', message: 'Another user already has this username.', fields: [{ field: 'username', detail: 'Already in use.' }] } });
          continue;
        }
        if (sameName !== undefined) {
          planned.push({ status: 'error', row, error: { code: 'DUPLICATE_ROW', message: `The same username as line ${sameName}.`, fields: [{ field: 'username', detail: `Also on line ${sameName}.` }] } });
          continue;
        }
        username = row.username;
      } else {
        for (let n = 1; ; n++) {
          const candidate = usernameCandidate(row.email, n);
          if (usernames.has(candidate)) continue;
          const taken = known.get(candidate);
          if (taken === undefined) {
            for (let i = n; i < n + candidatesPerLookup; i++) unknown.add(usernameCandidate(row.email, i));
            break;
          }
          if (!taken) {
            username = candidate;
            break;
          }
        }
      }
      emails.set(row.emailKey, row.line);
      if (username === undefined) continue; // decided in a later walk
      usernames.set(username.toLowerCase(), row.line);
      planned.push({ status: 'create', row, username, orgs: orgs.orgs });
    }
    if (unknown.size === 0) return planned;
    await lookUp(unknown);
  }
}
