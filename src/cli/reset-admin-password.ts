import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { resetAdminPassword } from '../domain/bootstrap.js';
import { systemCtx } from './system-ctx.js';

export async function resetAdminPasswordCommand(config: Config): Promise<void> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const { email, temporaryPassword } = await resetAdminPassword(systemCtx(config, db));
    process.stdout.write(`Admin email: ${email}\nAdmin password: ${temporaryPassword}\n`);
    process.stderr.write('This temporary password must be changed at the next sign-in. All of the admin\'s sessions and tokens have ended.\n');
  } finally {
    await db.close();
  }
}
