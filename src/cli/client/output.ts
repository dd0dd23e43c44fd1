// How commands print: `-o json` gives the API objects as one JSON document;
// `-o table` (the default) gives a borderless table with cli-table3. Data goes
// to stdout, notes and errors to stderr, so stdout stays machine-readable.
import Table from 'cli-table3';

export type Format = 'table' | 'json';

/** Resolves once the text has been handed to the OS, so exiting afterwards loses nothing. */
export function out(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

export function note(text: string): Promise<void> {
  return new Promise((resolve) => process.stderr.write(`${text}\n`, () => resolve()));
}

export function printJson(value: unknown): Promise<void> {
  return out(`${JSON.stringify(value, null, 2)}\n`);
}

const borderless = {
  chars: {
    top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
    left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '   ',
  },
  style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [] },
};

function render(table: Table.Table): string {
  return `${table.toString().split('\n').map((line) => line.trimEnd()).join('\n')}\n`;
}

/** Rows under upper-case column names. */
export function printTable(head: string[], rows: string[][]): Promise<void> {
  const table = new Table({ ...borderless, head });
  table.push(...rows);
  return out(render(table));
}

/** One object as label/value lines. */
export function printRecord(fields: [label: string, value: string][]): Promise<void> {
  const table = new Table(borderless);
  table.push(...fields.map(([label, value]) => [`${label}:`, value]));
  return out(render(table));
}

/** A list in the chosen format; in table form an empty list is a note on stderr. */
export async function printList<T>(format: Format, items: T[], head: string[], row: (item: T) => string[], empty: string): Promise<void> {
  if (format === 'json') return printJson(items);
  if (items.length === 0) return note(empty);
  return printTable(head, items.map(row));
}

/** ISO time as `2025-01-31 14:05 UTC`; a dash for none. */
export function time(iso: string | null | undefined): string {
  if (!iso) return '-';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const orDash = (text: string | null | undefined): string => (text ? text : '-');

/** `roster … | head` closes stdout early: that is the reader's choice, not an error. */
export function exitQuietlyOnBrokenPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`roster: cannot write to standard output: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? 0 : 1);
  });
}
