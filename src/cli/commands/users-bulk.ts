// `roster users bulk ACTION` and `roster users export` (issue 9): many users at
// once. Bulk work by filter goes one server page (200 users) at a time,
// following nextCursor; by ids, 500 at a time. A real run is destructive: on a
// terminal it shows the dry run's summary and asks first, without one it needs
// --yes. Rows the server refused or skipped are reported, not an error; a
// refusal of the whole request (403, a bad filter) is exit 1.
import { Argument, Option, type Command } from 'commander';
import { bulkActions, siteRoles, type BulkPage, type BulkRequest, type BulkResult } from '../client/api-types.js';
import { saveDownload } from '../client/download.js';
import { usageError } from '../client/errors.js';
import { connect, type RosterApi } from '../client/http.js';
import { examples, withOutput, withYes, type OutputFlags, type YesFlags } from '../client/options.js';
import { note, orDash, printJson, printList } from '../client/output.js';
import { confirm, hasTerminal } from '../client/prompt.js';

type BulkAction = (typeof bulkActions)[number];

interface BulkFlags extends OutputFlags, YesFlags {
  query?: string;
  ids?: string[];
  role?: BulkRequest['role'];
  reason?: string;
  dryRun?: boolean;
}

/** The server takes at most this many ids in one call. */
const idsPerCall = 500;

function idList(value: string): string[] {
  return value.split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/** The request body without dryRun and paging, after checking the flags fit together (exit 2 when not). */
function bulkBody(action: BulkAction, flags: BulkFlags): Omit<BulkRequest, 'dryRun' | 'ids' | 'cursor'> & { ids?: string[] } {
  if ((flags.query === undefined) === (flags.ids === undefined)) throw usageError('Say which users: pass either -q FILTER or --ids ID,ID,… (not both).');
  if (flags.ids !== undefined && flags.ids.length === 0) throw usageError('--ids names no user: pass ids separated by commas.');
  if (action === 'change-role' && flags.role === undefined) throw usageError('change-role needs --role ROLE.');
  if (action !== 'change-role' && flags.role !== undefined) throw usageError('--role goes only with change-role.');
  if (action !== 'suspend' && flags.reason !== undefined) throw usageError('--reason goes only with suspend.');
  return {
    action,
    ...(flags.query === undefined ? {} : { q: flags.query }),
    ...(flags.ids === undefined ? {} : { ids: [...new Set(flags.ids)] }),
    ...(flags.role === undefined ? {} : { role: flags.role }),
    ...(flags.reason === undefined ? {} : { reason: flags.reason }),
  };
}

/** "processed X/TOTAL" on one line of stderr, on a terminal only; scripts get the results alone. */
class Progress {
  private shown = false;

  constructor(private readonly total: number) {}

  static async start(api: RosterApi, body: ReturnType<typeof bulkBody>): Promise<Progress | null> {
    if (!process.stderr.isTTY) return null;
    if (body.ids) return new Progress(body.ids.length);
    const page = await api.get<{ total?: number }>('/api/v1/users', { q: body.q, count: 'true', limit: 1 });
    return new Progress(page.total ?? 0);
  }

  update(processed: number): void {
    this.shown = true;
    process.stderr.write(`\rprocessed ${processed}/${this.total}`);
  }

  end(): void {
    if (this.shown) process.stderr.write('\n');
    this.shown = false;
  }
}

/**
 * Every page of one run (dry or real). A refusal after some pages were done
 * comes back with the results so far, so what was changed (and any temporary
 * password) is still printed.
 */
async function runAll(api: RosterApi, body: ReturnType<typeof bulkBody>, dryRun: boolean, progress: Progress | null): Promise<{ results: BulkResult[]; failure?: unknown }> {
  const results: BulkResult[] = [];
  const call = async (request: BulkRequest) => {
    const page = await api.post<BulkPage>('/api/v1/users/bulk', request);
    results.push(...page.results);
    progress?.update(results.length);
    return page.nextCursor;
  };
  try {
    if (body.ids) {
      for (let at = 0; at < body.ids.length; at += idsPerCall) await call({ ...body, ids: body.ids.slice(at, at + idsPerCall), dryRun });
    } else {
      let cursor: string | null | undefined;
      do cursor = await call({ ...body, dryRun, ...(cursor ? { cursor } : {}) });
      while (cursor);
    }
  } catch (error) {
    if (results.length === 0) throw error;
    return { results, failure: error };
  } finally {
    progress?.end();
  }
  return { results };
}

function tally(results: BulkResult[]) {
  const count = (outcome: BulkResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { changing: count('would-do'), done: count('done'), skipped: count('skipped'), refused: count('refused') };
}

async function printResults(results: BulkResult[], flags: BulkFlags, withPasswords: boolean): Promise<void> {
  if (flags.output === 'json') return printJson(results);
  const head = ['USERNAME', 'EMAIL', 'OUTCOME', 'REASON', ...(withPasswords ? ['TEMPORARY PASSWORD'] : [])];
  await printList(flags.output, results, head, (r) => [
    orDash(r.username), orDash(r.email), r.outcome,
    // A row for an unknown id has no username: name the id it is about.
    r.username ? orDash(r.reason) : `${orDash(r.reason)} (id ${r.id})`,
    ...(withPasswords ? [orDash(r.temporaryPassword)] : []),
  ], 'No users match.');
}

async function bulk(action: BulkAction, flags: BulkFlags): Promise<void> {
  const body = bulkBody(action, flags);
  if (!flags.dryRun && !flags.yes && !hasTerminal()) {
    throw usageError(`Refusing to ${action} users in bulk without confirmation, and there is no terminal to ask on: pass --yes to go ahead, or --dry-run to see what would happen.`);
  }
  const api = connect();
  const progress = await Progress.start(api, body);

  if (flags.dryRun || !flags.yes) {
    const dry = await runAll(api, body, true, progress);
    const { changing, skipped, refused } = tally(dry.results);
    const summary = `${action}: ${changing} will change, ${skipped} skipped, ${refused} refused`;
    if (flags.dryRun || dry.failure !== undefined || changing === 0) {
      await printResults(dry.results, flags, false);
      if (dry.failure !== undefined) throw dry.failure;
      await note(flags.dryRun ? `Dry run, nothing was changed: ${summary}.` : `${summary}: nothing to do.`);
      return;
    }
    await note(`${summary}.`);
    await confirm(`Apply to ${changing} users`, false);
  }

  const run = await runAll(api, body, false, progress);
  await printResults(run.results, flags, action === 'reset-password');
  const { done, skipped, refused } = tally(run.results);
  if (run.failure !== undefined) {
    await note(`Stopped after ${run.results.length} users (${done} changed); the rest were not processed.`);
    throw run.failure;
  }
  await note(`${action}: ${done} changed, ${skipped} skipped, ${refused} refused.`);
  if (action === 'reset-password' && done > 0 && flags.output === 'table') {
    await note('The temporary passwords are shown only this once; each user must change theirs at the first sign-in.');
  }
}

async function exportCsv(flags: { query?: string; output?: string }): Promise<void> {
  await saveDownload(connect(), '/api/v1/users/export.csv', { q: flags.query }, flags.output);
}

export function registerUsersBulk(users: Command, filterHelp: string): void {
  examples(withYes(withOutput(users.command('bulk')
    .description('Suspend, activate, change the role of, delete or reset the password of many users at once: those a filter matches (-q) or listed by id (--ids). Prints what happened to each user; a temporary password is printed once.')
    .addArgument(new Argument('<action>', 'what to do to each user').choices(bulkActions))
    .option('-q, --query <filter>', 'every user this filter matches, as in the web UI (see below)')
    .option('--ids <ids>', 'these users: ids separated by commas', idList)
    .addOption(new Option('--role <role>', 'the new site role (change-role only)').choices(siteRoles))
    .option('--reason <text>', 'why (suspend only; shown in the Users page)')
    .option('--dry-run', 'show what would happen to each user and change nothing')))
    .addHelpText('after', `
Without --dry-run this changes users: on a terminal the dry run's summary is
shown and you are asked first; without a terminal it needs --yes. Exit 0 when
the run completed, even if some users were skipped or refused (their rows say
why); exit 1 when the server refused the whole request.
${filterHelp}`), [
    "roster users bulk suspend -q 'status:dormant' --reason 'dormant' --dry-run",
    "roster users bulk change-role -q 'org:Contractors role:member' --role auditor --yes",
    'roster users bulk reset-password --ids 3f2a…,9c1e… --yes -o json',
  ]).action((action: BulkAction, flags: BulkFlags) => bulk(action, flags));

  examples(users.command('export')
    .description('Export the users a filter matches (all without one) as CSV (streamed: any size), to standard output or a file.')
    .option('-q, --query <filter>', 'filter, as in the web UI (see `roster users ls --help`)')
    .option('-o, --output <file>', 'write to this file instead of standard output'), [
    "roster users export -q 'status:suspended' --output suspended.csv",
    'roster users export > users.csv',
  ]).action(exportCsv);
}
