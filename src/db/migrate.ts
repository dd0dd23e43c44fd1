// Runs the migrations in order. Kysely's migrator takes a lock, so several
// instances starting together on one PostgreSQL migrate once.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './dialects.js';
import * as initial from './migrations/2026-11-28-0001-initial.js';
import * as oidc from './migrations/2026-11-28-0002-oidc.js';
import * as images from './migrations/2026-11-28-0003-images.js';
import * as tokenNames from './migrations/2026-11-28-0004-token-names.js';
import * as loginThrottle from './migrations/2026-11-28-0005-login-throttle.js';
import * as userSearch from './migrations/2026-11-28-0006-user-search.js';
import * as usersByRole from './migrations/2026-11-28-0007-users-by-role.js';

const migrations: Record<string, Migration> = {
  '2026-11-28-0001-initial': initial,
  '2026-11-28-0002-oidc': oidc,
  '2026-11-28-0003-images': images,
  '2026-11-28-0004-token-names': tokenNames,
  '2026-11-28-0005-login-throttle': loginThrottle,
  '2026-11-28-0006-user-search': userSearch,
  '2026-11-28-0007-users-by-role': usersByRole,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
