// Options and help text shared by the client commands.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Format } from './output.js';

export interface OutputFlags {
  output: Format;
}

export interface YesFlags {
  yes?: boolean;
}

export function withOutput(command: Command): Command {
  return command.addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'));
}

export function withYes(command: Command): Command {
  return command.option('-y, --yes', 'do it without asking for confirmation (needed when there is no terminal)');
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number of 1 or more.');
  return n;
}

/** For options given more than once: `--org a --org b`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

/** Sets only the fields that were given, so a PATCH changes nothing else. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
