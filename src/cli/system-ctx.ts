import type { Config } from '../config.js';
import type { Db } from '../db/dialects.js';
import type { Ctx } from '../domain/context.js';
import { openSecretBox } from '../domain/secret-box.js';

/** The context of work done by Roster itself or at its console: no actor, no client. */
export function systemCtx(config: Config, db: Db, clock: () => number = Date.now): Ctx {
  return { db, config, actor: null, client: { ip: null, userAgent: 'roster (system)' }, secrets: openSecretBox(config), now: clock };
}
