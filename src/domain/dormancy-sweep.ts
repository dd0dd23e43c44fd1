// The background job of SPEC §1.6: deletes users dormant for longer than the
// threshold plus the configured extra days, audited with the system as actor.
// Safe with several instances running: each deletion is a conditional update,
// so whichever instance gets a user first deletes and audits it, once.
import { sql } from 'kysely';
import { rememberDeletedIdentity } from '../db/queries/oidc.js';
import { deleteApiTokensOf, deleteSessionsOf } from '../db/queries/sessions.js';
import { recordAudit } from './audit.js';
import type { Ctx } from './context.js';
import { dormancySettings } from './dormancy.js';

const day = 86_400_000;

export async function deleteDormantUsers(ctx: Ctx): Promise<number> {
  const { thresholdDays, deleteAfterDays } = await dormancySettings(ctx.db.kysely);
  if (deleteAfterDays === null) return 0;
  const days = thresholdDays + deleteAfterDays;
  let deleted = 0;
  for (;;) {
    const now = ctx.now();
    const due = await ctx.db.kysely.selectFrom('users')
      .select(['id', 'username', 'email', 'oidc_issuer', 'oidc_subject'])
      .where('deleted_at', 'is', null)
      .where('site_role', '!=', 'site-admin') // the one site admin is never deleted (SPEC §2)
      .where(sql`coalesce(last_seen_at, created_at)`, '<', now - days * day)
      .limit(200)
      .execute();
    let progressed = false;
    for (const user of due) {
      const won = await ctx.db.kysely.transaction().execute(async (trx) => {
        const result = await trx.updateTable('users').set({ deleted_at: now, updated_at: now })
          .where('id', '=', user.id).where('deleted_at', 'is', null).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false; // another instance took it
        await deleteSessionsOf(trx, user.id);
        await deleteApiTokensOf(trx, user.id);
        if (user.oidc_issuer && user.oidc_subject) {
          await rememberDeletedIdentity(trx, { issuer: user.oidc_issuer, subject: user.oidc_subject, email: user.email }, now);
        }
        await recordAudit(trx, ctx, {
          action: 'delete', resourceType: 'user', actor: { id: null, email: null }, target: { id: user.id, name: user.username },
          reason: `deleted by the system: no activity for more than ${days} days`,
        });
        return true;
      });
      if (won) deleted += 1;
      progressed = true;
    }
    if (!progressed || due.length < 200) return deleted;
  }
}
