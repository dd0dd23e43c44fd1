// `roster users import FILE` (issue 7): users from a CSV or JSON-lines file,
// streamed in batches to POST /api/v1/users/import, two requests in flight.
// Each batch is one transaction on the server; the checkpoint beside the file
// records how far every line has been answered, so an interrupted import
// goes on with --resume. Users already there come back as `exists`, which
// makes sending a batch twice harmless.
import { statSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { resolveCredentials, type Credentials } from '../client/config-store.js';
import { CliError, exitCodes, usageError } from '../client/errors.js';
import { examples, positiveInteger, withOutput, type OutputFlags } from '../client/options.js';
import { note, out, printJson } from '../client/output.js';
import {
  passwordHeader, passwordLines, postBatch, readCheckpoint, removeCheckpoint, ReportFile, writeCheckpoint, type Checkpoint, type ImportAnswer,
} from './users-import-io.js';
import { formatOf, importFields, readRows, type ApiRow, type SourceRow } from './users-import-source.js';

interface ImportFlags extends OutputFlags {
  format?: string;
  batchSize: number;
  dryRun?: boolean;
  passwordsOut?: string;
  errors?: string;
  resume?: boolean;
  restart?: boolean;
}

/**
 * What the server takes in one request (schemas/users-import.ts,
 * domain/users-import-rows.ts, routes/users-import.ts): a batch is also sent
 * early once its rows reach `bytes`, so rows with long fields or many
 * organizations never make a body the server refuses.
 */
const limits = { rows: 10_000, temporaryPasswords: 50, bytes: 6 * 1024 * 1024 };
const inFlight = 2;

const needsTemporaryPassword = (row: ApiRow) => row.loginType?.toLowerCase() === 'built-in' && row.passwordHash === undefined;

interface Batch {
  rows: ApiRow[];
  /** Lines that failed before sending (bad JSON, bad CSV): reported with the batch. */
  local: { line: number; email?: string; code: string; message: string }[];
  /** The last line this batch covers. */
  lastLine: number;
  temporary: number;
  /** The rows' size in bytes as JSON, near enough (without the brackets and commas around them). */
  bytes: number;
  answer?: ImportAnswer;
}

const newBatch = (): Batch => ({ rows: [], local: [], lastLine: 0, temporary: 0, bytes: 0 });

class Progress {
  private lastShown: number;
  private readonly tty = process.stderr.isTTY === true;
  constructor(private readonly started: number) {
    this.lastShown = started; // a short import needs no progress line
  }

  show(rows: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastShown < (this.tty ? 500 : 5_000)) return;
    this.lastShown = now;
    const seconds = (now - this.started) / 1000;
    const line = `${rows} rows answered, ${Math.round(rows / Math.max(seconds, 0.001))} rows/s`;
    process.stderr.write(this.tty ? `\r${line}\u001b[K` : `${line}\n`);
  }

  end(): void {
    if (this.tty && this.lastShown > this.started) process.stderr.write('\n');
  }
}

async function importFile(file: string, flags: ImportFlags): Promise<void> {
  const format = formatOf(file, flags.format);
  if (flags.batchSize > limits.rows) throw usageError(`--batch-size is at most ${limits.rows}, what the server takes in one request.`);
  if (flags.resume && flags.restart) throw usageError('Pass --resume or --restart, not both.');
  let source;
  try {
    source = statSync(file);
  } catch (error) {
    throw usageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  if (!source.isFile()) throw usageError(`${file} is not a file.`);
  const credentials: Credentials = resolveCredentials(process.env);
  const dryRun = flags.dryRun === true;

  // The checkpoint: a dry run neither reads nor writes it.
  const checkpointPath = `${file}.roster-import.json`;
  const checkpoint: Checkpoint = { version: 1, size: source.size, mtimeMs: source.mtimeMs, linesDone: 0, created: 0, existed: 0, failed: 0 };
  const earlier = dryRun ? undefined : readCheckpoint(checkpointPath);
  if (earlier && flags.restart) removeCheckpoint(checkpointPath);
  else if (earlier && !flags.resume) {
    throw usageError(`An earlier import of ${file} stopped after line ${earlier.linesDone} (${checkpointPath}): pass --resume to go on from there, or --restart to start again from the first line (users already imported are then reported as existing).`);
  } else if (earlier) {
    if (earlier.size !== source.size || earlier.mtimeMs !== source.mtimeMs) {
      throw usageError(`${file} has changed since the import that left ${checkpointPath}: its lines may not be the same ones. Pass --restart to import it from the first line (users already imported are reported as existing).`);
    }
    Object.assign(checkpoint, earlier);
    await note(`Resuming the import of ${file} after line ${earlier.linesDone}.`);
  } else if (flags.resume) {
    await note(`No checkpoint of an earlier import of ${file}: starting from the first line.`);
  }
  const resuming = checkpoint.linesDone > 0;

  const errors = new ReportFile(flags.errors ?? `${file}.errors.jsonl`, { fresh: !resuming });
  const passwords = flags.passwordsOut && !dryRun ? new ReportFile(flags.passwordsOut, { fresh: false, mode: 0o600, header: passwordHeader, sync: true }) : undefined;
  passwords?.open();

  const started = Date.now();
  const progress = new Progress(started);
  const pending: Batch[] = []; // sent or waiting to be reported, in line order
  const running = new Set<Promise<void>>();
  let answered = 0;
  let fatal: unknown;
  let needsPasswordsAt: number | undefined;
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nStopping after the batches already sent (press Ctrl-C again to stop at once)…\n');
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  /** Reports finished batches in line order and moves the checkpoint past them. */
  const settle = () => {
    let moved = false;
    while (pending[0]?.answer || (pending[0] && pending[0].rows.length === 0)) {
      const batch = pending.shift()!;
      const results = batch.answer?.results ?? [];
      const rowsByLine = new Map(batch.rows.map((r) => [r.line, r]));
      const failures = [
        ...batch.local,
        ...results.filter((r) => r.status === 'error').map((r) => ({ line: r.line, email: rowsByLine.get(r.line)?.email, code: r.error!.code, message: r.error!.message })),
      ].sort((a, b) => a.line - b.line);
      errors.write(failures.map((f) => `${JSON.stringify({ line: f.line, email: f.email ?? null, code: f.code, message: f.message })}\n`).join(''));
      checkpoint.created += batch.answer?.created ?? 0;
      checkpoint.existed += batch.answer?.skipped ?? 0;
      checkpoint.failed += failures.length;
      checkpoint.linesDone = batch.lastLine;
      moved = true;
    }
    if (moved && !dryRun) writeCheckpoint(checkpointPath, checkpoint);
  };

  const send = async (batch: Batch) => {
    pending.push(batch);
    if (batch.rows.length === 0) return settle();
    while (running.size >= inFlight) await Promise.race(running);
    if (fatal) return;
    const lines = `lines ${batch.rows[0]!.line}–${batch.lastLine}`;
    const retry = (why: string, seconds: number) => process.stderr.write(`${why}: sending ${lines} again in ${seconds} s\n`);
    const request = postBatch(credentials, { rows: batch.rows, ...(dryRun ? { dryRun: true } : {}) }, retry).then((answer) => {
      // Passwords are written the moment they arrive: they are shown nowhere else.
      const rowsByLine = new Map(batch.rows.map((r) => [r.line, r]));
      passwords?.write(passwordLines(answer.results.filter((r) => r.temporaryPassword).map((r) => ({
        email: rowsByLine.get(r.line)?.email ?? '', username: r.username ?? '', temporaryPassword: r.temporaryPassword!,
      }))));
      batch.answer = answer;
      answered += answer.results.length;
      progress.show(answered);
      settle();
    }, (error: unknown) => { fatal ??= error; }).finally(() => running.delete(request));
    running.add(request);
  };

  let batch = newBatch();
  for await (const item of readRows(file, format) as AsyncGenerator<SourceRow>) {
    if (fatal || interrupted) break;
    if (item.line <= checkpoint.linesDone) continue;
    if ('error' in item) {
      batch.local.push({ line: item.line, email: item.email, ...item.error });
      batch.lastLine = item.line;
      if (batch.local.length >= flags.batchSize) { await send(batch); batch = newBatch(); }
      continue;
    }
    const temporary = needsTemporaryPassword(item.row);
    if (temporary && !passwords && !dryRun) {
      needsPasswordsAt = item.line;
      break;
    }
    const bytes = Buffer.byteLength(JSON.stringify(item.row)) + 1;
    if ((temporary && batch.temporary >= limits.temporaryPasswords) || (batch.rows.length && batch.bytes + bytes > limits.bytes)) {
      await send(batch);
      batch = newBatch();
    }
    batch.rows.push(item.row);
    batch.bytes += bytes;
    batch.lastLine = item.line;
    if (temporary) batch.temporary += 1;
    if (batch.rows.length >= flags.batchSize) { await send(batch); batch = newBatch(); }
  }
  if (!fatal && !interrupted && (batch.rows.length || batch.local.length)) await send(batch);
  while (running.size) await Promise.race(running);
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  progress.end();
  errors.close();
  passwords?.close();
  const seconds = (Date.now() - started) / 1000;
  const finished = !fatal && needsPasswordsAt === undefined && !interrupted;
  if (finished && !dryRun) removeCheckpoint(checkpointPath);
  await summary(file, flags, { ...checkpoint, seconds, dryRun, finished, errorsFile: checkpoint.failed ? errors.path : null, passwordsFile: passwords?.path ?? null });
  if (fatal) {
    await note(`Stopped: lines up to ${checkpoint.linesDone} were imported; run the same command with --resume to go on.`);
    throw fatal;
  }
  if (needsPasswordsAt !== undefined) {
    throw usageError(`Line ${needsPasswordsAt} is a built-in user without a passwordHash: Roster gives such a user a temporary password, which has to be written somewhere. Pass --passwords-out FILE${checkpoint.linesDone > 0 ? ', with --resume to go on from that line' : ''}.`);
  }
  if (interrupted) throw new CliError(`Interrupted after line ${checkpoint.linesDone}: run the same command with --resume to go on.`, 130);
  if (checkpoint.failed > 0) throw new CliError(`${checkpoint.failed} rows were not imported: see ${errors.path}.`, exitCodes.refused);
}

interface Summary {
  created: number;
  existed: number;
  failed: number;
  seconds: number;
  dryRun: boolean;
  finished: boolean;
  errorsFile: string | null;
  passwordsFile: string | null;
}

async function summary(file: string, flags: ImportFlags, s: Summary): Promise<void> {
  if (flags.output === 'json') {
    return printJson({ file, dryRun: s.dryRun, finished: s.finished, created: s.created, existed: s.existed, failed: s.failed, seconds: Number(s.seconds.toFixed(3)), errorsFile: s.errorsFile, passwordsFile: s.passwordsFile });
  }
  const rows = s.created + s.existed + s.failed;
  const rate = `${s.seconds.toFixed(1)} s, ${Math.round(rows / Math.max(s.seconds, 0.001))} rows/s`;
  const counts = s.dryRun
    ? `dry run, nothing was changed: ${s.created} would be created, ${s.existed} exist already, ${s.failed} would fail`
    : `${s.created} created, ${s.existed} existed, ${s.failed} failed`;
  await out(`${path.basename(file)}: ${counts} (${rate}).\n`);
  if (s.errorsFile) await out(`Rows not imported, with the reason: ${s.errorsFile}\n`);
  if (s.passwordsFile && s.created > 0) await out(`Temporary passwords (shown nowhere else; each must be changed at the first sign-in): ${s.passwordsFile}\n`);
}

export function registerUsersImport(users: Command): void {
  examples(withOutput(users.command('import')
    .description('Import users from a CSV or JSON-lines file, in batches (one transaction each), resumable. Users whose email exists already are left as they are, so running a file twice is safe.')
    .argument('<file>', `CSV with a header row, or JSON lines; fields: ${importFields.join(', ')}`)
    .addOption(new Option('--format <format>', 'csv or jsonl (default: from the file name)').choices(['csv', 'jsonl']))
    .option('--batch-size <n>', `rows per request, at most ${limits.rows}`, positiveInteger, limits.rows)
    .option('--dry-run', 'check every row and report what would happen, changing nothing')
    .option('--passwords-out <file>', 'where the temporary passwords of built-in users without a passwordHash go (mode 0600, appended): needed when the file has such users')
    .option('--errors <file>', 'where rows that were not imported are listed, one JSON line each (default: FILE.errors.jsonl)')
    .option('--resume', 'go on after the last line an interrupted import of this file finished')
    .option('--restart', 'forget an interrupted import of this file and start from the first line'))
    .addHelpText('after', `
Fields (CSV header columns, or JSON keys): email (required); username (default:
derived from the email); name; loginType oidc (default) or built-in; role
member (default), auditor or site-manager; organizations: names or ids, in CSV
separated by ; (default: the default organizations); passwordHash: an existing
PHC-format argon2, bcrypt, PBKDF2 or scrypt hash of a built-in user, replaced
by Roster's argon2id at the first sign-in. A built-in user without one gets a
temporary password, written to --passwords-out.

Exit 0 when every row was created or existed already, 1 when any row failed
(see the errors file) or the server refused the import, 2 for a usage error.`), [
    'roster users import people.csv --dry-run',
    'roster users import people.jsonl --passwords-out passwords.csv',
    'roster users import people.jsonl --resume',
  ]).action(importFile);
}
