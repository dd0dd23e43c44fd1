// `roster server`: migrate, bootstrap, listen; stop cleanly on SIGTERM/SIGINT.
import type { Config } from '../config.js';
import { deleteExpiredSessions } from '../db/queries/sessions.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureSearchIndex } from '../db/search-index.js';
import { openDatabase } from '../db/open.js';
import { bootstrap } from '../domain/bootstrap.js';
import { deleteDormantUsers } from '../domain/dormancy-sweep.js';
import { buildApp } from '../server/app.js';
import { systemCtx } from './system-ctx.js';

export async function serve(config: Config): Promise<void> {
  const db = openDatabase(config);
  await migrateToLatest(db);
  const first = await bootstrap(systemCtx(config, db));
  if (first.created) {
    // Printed once, on lines of their own, for the operator to copy (SPEC §3.1).
    process.stdout.write(`Admin email: ${first.email}\n`);
    // A configured password is the operator's own: it is not echoed.
    if (first.temporaryPassword) process.stdout.write(`Admin password: ${first.temporaryPassword}\n`);
  }
  const app = await buildApp({ config, db });
  if (!(await ensureSearchIndex(db))) {
    app.log.warn('PostgreSQL has no pg_trgm extension and Roster may not create it: searches by part of a name read the whole users table. Run CREATE EXTENSION pg_trgm; as a superuser in this database, then restart Roster.');
  }
  // Hourly housekeeping on every instance; each step is safe to run on several at once.
  const housekeeping = () => {
    deleteExpiredSessions(db.kysely, Date.now()).catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
    deleteDormantUsers(systemCtx(config, db))
      .then((deleted) => { if (deleted) app.log.info({ deleted }, 'deleted dormant users'); })
      .catch((error: unknown) => app.log.warn({ err: error }, 'dormancy sweep failed'));
  };
  const sweep = setInterval(housekeeping, 3_600_000);
  sweep.unref();

  let stopping = false;
  // A keep-alive connection whose request finishes during shutdown would hold
  // close() open until its idle timeout (72 s): tell the client to hang up.
  app.addHook('onSend', async (_request, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
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
