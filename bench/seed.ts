// Stand-in for the `roster users import` the issue asks for (not built yet):
// batched multi-row inserts of OIDC users straight into the migrated schema,
// each batch in one transaction with its Default-org memberships.
import type { Db } from '../src/db/dialects.js';
import { newId } from '../src/domain/ids.js';
import type { NewUserRow, SiteRole } from '../src/db/schema.js';

const firstNames = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Guido', 'Anita', 'Bjarne', 'Hedy', 'Tim', 'Sophie', 'John', 'Katherine', 'Niklaus', 'Yukihiro', 'Shafi', 'Leslie', 'Donald', 'Mary', 'Rob', 'Jean', 'Vint', 'Adele', 'James', 'Lin', 'Priya', 'Olusegun', 'Mei', 'Carlos', 'Fatima', 'Jörg', 'Zoë', 'Anders', 'Ines'];
const lastNames = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'van Rossum', 'Borg', 'Stroustrup', 'Lamarr', 'Berners-Lee', 'Wilson', 'McCarthy', 'Johnson', 'Wirth', 'Matsumoto', 'Goldwasser', 'Lamport', 'Knuth', 'Kenneth', 'Pike', 'Sammet', 'Cerf', 'Goldberg', 'Gosling', 'Chen', 'Patel', 'Obasanjo', 'Wang', 'Garcia', 'Haddad', 'Müller', 'Nakamura', 'Kowalski', 'Andersson'];
const domains = ['example.com', 'corp.example.org', 'eng.example.net'];
const yearMs = 365 * 86_400_000;

/** Deterministic (mulberry32), so two runs seed the same people. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededUsername(i: number): string {
  return `${firstNames[i % firstNames.length]}.${lastNames[Math.floor(i / firstNames.length) % lastNames.length]}.${i}`
    .toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '');
}

/** Inserts `count` users (created over the last three years, oldest first) and returns the milliseconds it took. */
export async function seedUsers(db: Db, count: number, batchSize = 1000): Promise<number> {
  const started = performance.now();
  const org = await db.kysely.selectFrom('orgs').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow();
  const rand = random(7);
  const now = Date.now();
  for (let from = 0; from < count; from += batchSize) {
    const users: NewUserRow[] = [];
    for (let i = from; i < Math.min(count, from + batchSize); i++) {
      const createdAt = now - 3 * yearMs + Math.floor(((i + rand()) / count) * 3 * yearMs * 0.99);
      const username = seededUsername(i);
      const r = rand();
      const role: SiteRole = r < 0.9 ? 'member' : r < 0.97 ? 'auditor' : 'site-manager';
      users.push({
        id: newId(createdAt), username, email: `${username}@${domains[i % domains.length]}`,
        name: `${firstNames[i % firstNames.length]} ${lastNames[Math.floor(i / firstNames.length) % lastNames.length]}`,
        login_type: 'oidc', site_role: role, status: rand() < 0.02 ? 'suspended' : 'active',
        suspended_reason: null, suspended_until: null, must_change_password: 0, password_hash: null, password_expires_at: null,
        oidc_issuer: 'https://idp.example.com', oidc_subject: `sub-${i}`,
        created_at: createdAt, updated_at: createdAt, last_seen_at: rand() < 0.7 ? now - Math.floor(rand() * yearMs) : null, deleted_at: null,
      });
    }
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(users).execute();
      await trx.insertInto('org_members')
        .values(users.map((u) => ({ org_id: org.id, user_id: u.id, role: 'org-member' as const, created_at: u.created_at })))
        .execute();
    });
  }
  return performance.now() - started;
}
