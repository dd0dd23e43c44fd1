// Turns whatever stopped a command into its message on stderr and its exit code.
import { CommanderError } from 'commander';
import { ApiError, CliError, exitCodes } from './errors.js';

function describe(error: CliError): string {
  const lines = [`roster: ${error.message}`];
  if (error instanceof ApiError) {
    for (const { field, detail } of error.validations) {
      // The message often states the first problem already, in those words.
      if (!error.message.includes(detail)) lines.push(`  ${field}: ${detail}`);
    }
    if (error.status === 401) lines.push('The API token was refused (wrong, expired or revoked): run `roster login` with a new one, or fix ROSTER_TOKEN.');
  }
  return `${lines.join('\n')}\n`;
}

/** Prints what went wrong (commander has printed its own usage errors) and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (error instanceof CliError) {
    process.stderr.write(describe(error));
    return error.exitCode;
  }
  process.stderr.write(`roster: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
