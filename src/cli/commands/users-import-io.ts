// What `roster users import` keeps beside the file it imports: the checkpoint
// that makes it resumable, the per-row error report, the temporary passwords;
// and the one HTTP call it makes, retried when the server asks to wait.
import { closeSync, existsSync, fchmodSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { ImportBody, ImportResponse } from '../../server/schemas/users-import.js';
import type { Credentials } from '../client/config-store.js';
import { ApiError, CliError, exitCodes } from '../client/errors.js';
import { unreachable } from '../client/http.js';

export type ImportRequest = z.infer<typeof ImportBody>;
export type ImportAnswer = z.infer<typeof ImportResponse>;

export interface Checkpoint {
  version: 1;
  /** The source file as it was when the import started: a changed file cannot be resumed. */
  size: number;
  mtimeMs: number;
  /** Every line up to this one has been answered by the server (or was in error before sending). */
  linesDone: number;
  created: number;
  existed: number;
  failed: number;
}

export function readCheckpoint(path: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
    if (value.version === 1 && Number.isSafeInteger(value.linesDone)) return value;
  } catch { /* reported below */ }
  throw new CliError(`${path} is not a checkpoint this version of roster can read: pass --restart to start over.`, exitCodes.usage);
}

/** Written whole and renamed into place, so a crash leaves the old checkpoint or the new one, never half of one. */
export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint)}\n`);
  renameSync(temporary, path);
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}

/** An append-only report file, opened at its first line. */
export class ReportFile {
  private fd: number | undefined;
  constructor(readonly path: string, private readonly options: { fresh: boolean; mode?: number; header?: string; sync?: boolean }) {
    // A fresh run must not leave an earlier run's lines looking like its own.
    if (options.fresh && !options.mode) rmSync(path, { force: true });
  }

  open(): number {
    if (this.fd !== undefined) return this.fd;
    const fd = openSync(this.path, 'a', this.options.mode ?? 0o644);
    // An existing file keeps its mode on open: passwords are for the owner alone whatever it was.
    if (this.options.mode) fchmodSync(fd, this.options.mode);
    if (this.options.header && fstatSync(fd).size === 0) writeSync(fd, this.options.header);
    this.fd = fd;
    return fd;
  }

  write(text: string): void {
    if (text === '') return;
    const fd = this.open();
    writeSync(fd, text);
    // Temporary passwords exist nowhere else: on disk before the batch counts as done.
    if (this.options.sync) fsyncSync(fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export const passwordLines = (rows: { email: string; username: string; temporaryPassword: string }[]) =>
  stringify(rows.map((r) => [r.email, r.username, r.temporaryPassword]));
export const passwordHeader = 'email,username,temporaryPassword\n';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits asked for by 429/503 (Retry-After) or after a lost connection, before giving up. */
const retries = { busy: 30, connection: 5, maxWaitSeconds: 60 };
const requestTimeoutMs = 120_000;

function retryAfterSeconds(response: Response): number {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, retries.maxWaitSeconds);
  const date = header === null ? NaN : Date.parse(header);
  return Number.isFinite(date) ? Math.min(Math.max(0, (date - Date.now()) / 1000), retries.maxWaitSeconds) : 1;
}

async function apiError(response: Response, base: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; validations?: unknown };
    if (typeof body.message === 'string') {
      return new ApiError(response.status, typeof body.code === 'string' ? body.code : `HTTP_${response.status}`, body.message, Array.isArray(body.validations) ? body.validations : []);
    }
  } catch { /* not a Roster error body */ }
  return new ApiError(response.status, `HTTP_${response.status}`, `The server at ${base} answered ${response.status} ${response.statusText} without a Roster error; is this the Roster server's URL?`);
}

/**
 * POSTs one batch. 429 and 503 wait for Retry-After and try again, and so
 * does a lost connection or a gateway error (a few times): sending a batch
 * again is harmless, its users come back as `exists`. Any other refusal ends
 * the import with the server's message.
 */
export async function postBatch(credentials: Credentials, body: ImportRequest, onRetry: (why: string, seconds: number) => void): Promise<ImportAnswer> {
  const url = new URL('api/v1/users/import', credentials.url.endsWith('/') ? credentials.url : `${credentials.url}/`);
  const payload = JSON.stringify(body);
  let busy = 0;
  let lost = 0;
  for (;;) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST', body: payload, signal: AbortSignal.timeout(requestTimeoutMs),
        headers: { authorization: `Bearer ${credentials.token}`, 'content-type': 'application/json', 'user-agent': 'roster-cli' },
      });
    } catch (error) {
      if (++lost > retries.connection) throw unreachable(credentials.url, error);
      onRetry('the connection failed', 2 ** lost / 2);
      await sleep(500 * 2 ** lost);
      continue;
    }
    if (response.ok) return (await response.json()) as ImportAnswer;
    if ((response.status === 429 || response.status === 503) && ++busy <= retries.busy) {
      await response.body?.cancel();
      const seconds = retryAfterSeconds(response);
      onRetry(`the server is busy (${response.status})`, seconds);
      await sleep(seconds * 1000);
      continue;
    }
    if ((response.status === 502 || response.status === 504) && ++lost <= retries.connection) {
      await response.body?.cancel();
      onRetry(`a gateway answered ${response.status}`, 2 ** lost / 2);
      await sleep(500 * 2 ** lost);
      continue;
    }
    throw await apiError(response, credentials.url);
  }
}
