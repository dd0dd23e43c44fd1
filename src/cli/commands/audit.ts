// `roster audit ls|export`: read and export the audit log.
import type { Command } from 'commander';
import type { AuditEntry } from '../client/api-types.js';
import { saveDownload } from '../client/download.js';
import { collectPages, connect, type Query } from '../client/http.js';
import { examples, positiveInteger, withOutput, type OutputFlags } from '../client/options.js';
import { note, printList, time } from '../client/output.js';
import type { AuditListInput } from '../../domain/audit-list.js';

/** The audit filters, as the server's list takes them (a type-only import: nothing of the server loads). */
type FilterFlags = Omit<AuditListInput, 'limit' | 'cursor'>;

const filters = (flags: FilterFlags): Query => ({
  resourceType: flags.resourceType, action: flags.action, actor: flags.actor, target: flags.target, since: flags.since, until: flags.until,
});

function withFilters(command: Command): Command {
  return command
    .option('--resource-type <type>', 'user, org, org_member, image, api_token, session, settings …')
    .option('--action <action>', 'create, write, delete, login, logout, login_failed, password_reset, suspend, activate …')
    .option('--actor <actor>', 'who acted: id or email')
    .option('--target <target>', 'what was acted on: id or name')
    .option('--since <time>', 'from this ISO 8601 time, such as 2025-01-01T00:00:00Z')
    .option('--until <time>', 'up to this ISO 8601 time');
}

const auditColumns = ['TIME', 'ACTOR', 'ACTION', 'RESOURCE', 'TARGET', 'RESULT', 'IP'];
const auditRow = (e: AuditEntry) => [
  time(e.time), e.actor.email ?? (e.actor.id ? e.actor.id : 'system'), e.action, e.resourceType, e.target.name ?? e.target.id ?? '-',
  e.result === 'failure' && e.reason ? `failure: ${e.reason}` : e.result, e.ip ?? '-',
];

async function list(flags: FilterFlags & OutputFlags & { limit?: number; all?: boolean }): Promise<void> {
  const api = connect();
  const { items, more } = await collectPages(async (cursor) => {
    const page = await api.get<{ entries: AuditEntry[]; nextCursor: string | null }>('/api/v1/audit', { ...filters(flags), limit: flags.limit, cursor });
    return { items: page.entries, nextCursor: page.nextCursor };
  }, flags.all ?? false);
  await printList(flags.output, items, auditColumns, auditRow, 'No audit entries match.');
  if (more) await note('More entries match: pass --all for every page, or --limit for a bigger one.');
}

async function exportCsv(flags: FilterFlags & { output?: string }): Promise<void> {
  await saveDownload(connect(), '/api/v1/audit/export.csv', filters(flags), flags.output);
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The audit log: every change, sign-in and failed sign-in.');

  examples(withOutput(withFilters(audit.command('ls').description('List audit entries, newest first (one page unless --all).')))
    .option('--limit <n>', 'entries per page, 1-100 (default 50)', positiveInteger)
    .option('--all', 'follow every page'), [
    'roster audit ls --resource-type user --action delete',
    'roster audit ls --actor admin@roster.local --since 2025-01-01T00:00:00Z --all -o json',
  ]).action(list);

  examples(withFilters(audit.command('export').description('Export matching entries as CSV (streamed: any size), to standard output or a file.'))
    .option('-o, --output <file>', 'write to this file instead of standard output'), [
    'roster audit export --since 2025-01-01T00:00:00Z --output audit-2025.csv',
    'roster audit export --action login_failed > failed-sign-ins.csv',
  ]).action(exportCsv);
}
