// Saving a streamed download (a CSV export) to standard output or a file, as
// it arrives: constant memory whatever its size.
import { createWriteStream, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CliError, exitCodes } from './errors.js';
import { unreachable, type Query, type RosterApi } from './http.js';
import { note } from './output.js';

/** Streams `path` to `file`, or to standard output without one; a refusal or a broken transfer leaves no file behind. */
export async function saveDownload(api: RosterApi, path: string, query: Query, file: string | undefined): Promise<void> {
  // Asked before the file is opened, so a refusal leaves no empty file behind.
  const body = await api.download(path, query);
  try {
    await pipeline(body, file === undefined ? process.stdout : createWriteStream(file));
  } catch (error) {
    if (file !== undefined) rmSync(file, { force: true });
    // Failing writes name a system call (open, write); a failing read is the connection to the server.
    if ((error as NodeJS.ErrnoException).syscall) {
      throw new CliError(`Cannot write ${file ?? 'standard output'}: ${(error as Error).message}`, exitCodes.refused);
    }
    throw unreachable(api.base, error);
  }
  if (file !== undefined) await note(`Wrote ${file}.`);
}
