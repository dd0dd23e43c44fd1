// `roster server`: migrate, bootstrap, listen; stop cleanly on SIGTERM/SIGINT.
import type { Config } from '../config.js';
import { deleteExpiredSessions } from '../db/queries/sessions.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { bootstrap } from '../domain/bootstrap.js';
import { buildApp } from '../server/app.js';
import { systemCtx } from './system-ctx.js';

export async function serve(config: Config): Promise<void> {
  const db = openDatabase(config);
  await migrateToLatest(db);
  const first = await bootstrap(systemCtx(config, db));
  if (first.created) {
    // Printed once, on lines of their own, for the operator to copy (SPEC §3.1).
    process.stdout.write(`Admin email: ${first.email}\n`);
    if (first.temporaryPassword) process.stdout.write(`Admin password: ${first.temporaryPassword}\n`);
    else process.stdout.write('Admin password: (as set by ROSTER_ADMIN_PASSWORD)\n');
  }
  const app = await buildApp({ config, db });
  const sweep = setInterval(() => {
    deleteExpiredSessions(db.kysely, Date.now()).catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
  }, 3_600_000);
  sweep.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    // close() stops accepting connections and waits for requests in flight.
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
}
