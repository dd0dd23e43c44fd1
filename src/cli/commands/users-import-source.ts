// Reads the file `roster users import` is given, streaming (never the whole
// file in memory), as one row per line: JSON lines, or CSV with a header row.
// A line that cannot be read (bad JSON, bad CSV quoting, a wrong type) is
// that line's error, never the end of the import.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse/sync';
import { usageError } from '../client/errors.js';
import type { ImportRow } from '../client/api-types.js';

export type ImportFormat = 'csv' | 'jsonl';

/** A row as the API takes it (POST /api/v1/users/import). */
export type ApiRow = ImportRow;

export type SourceRow =
  | { line: number; row: ApiRow }
  | { line: number; email?: string; error: { code: string; message: string } };

export const importFields = ['email', 'username', 'name', 'loginType', 'role', 'organizations', 'passwordHash'] as const;
type Field = (typeof importFields)[number];

// What the server accepts in a field; a longer one would make it refuse the whole batch.
const fieldLength = 1024;
const organizationsPerRow = 50;

export function formatOf(file: string, given: string | undefined): ImportFormat {
  if (given === 'csv' || given === 'jsonl') return given;
  if (given !== undefined) throw usageError(`Unknown --format "${given}": use csv or jsonl.`);
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return 'jsonl';
  throw usageError(`Cannot tell the format of ${file} from its name: pass --format csv or --format jsonl.`);
}

const rowError = (line: number, message: string, email?: string): SourceRow => ({ line, ...(email ? { email } : {}), error: { code: 'INVALID_ROW', message } });

/** Checks one field's value and puts it on the row; returns a problem, or null. */
function setField(row: ApiRow, field: Field, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (field === 'organizations') {
    const list = typeof value === 'string' ? value.split(';') : value;
    if (!Array.isArray(list) || list.some((o) => typeof o !== 'string')) return 'organizations must be a list of names or ids (in CSV: separated by ;).';
    const orgs = (list as string[]).map((o) => o.trim()).filter((o) => o !== '');
    if (orgs.length > organizationsPerRow) return `At most ${organizationsPerRow} organizations a row.`;
    if (orgs.some((o) => o.length > fieldLength || o.includes('\u0000'))) return 'An organization name is too long or holds a NUL character.';
    if (orgs.length) row.organizations = orgs;
    return null;
  }
  if (typeof value !== 'string') return `${field} must be text.`;
  if (value.length > fieldLength) return `${field} is longer than ${fieldLength} characters.`;
  if (value.includes('\u0000')) return `${field} holds a NUL character.`;
  const text = value.trim();
  if (text !== '') (row as unknown as Record<string, string>)[field] = text;
  return null;
}

function fromJsonLine(text: string, line: number): SourceRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return rowError(line, `Not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return rowError(line, 'Each line must be one JSON object.');
  const object = value as Record<string, unknown>;
  const email = typeof object.email === 'string' ? object.email : undefined;
  const unknown = Object.keys(object).filter((key) => !(importFields as readonly string[]).includes(key));
  if (unknown.length) return rowError(line, `Unknown field ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}; the fields are ${importFields.join(', ')}.`, email);
  const row: ApiRow = { line, email: '' };
  for (const field of importFields) {
    const problem = setField(row, field, object[field]);
    if (problem) return rowError(line, problem, email);
  }
  return { line, row };
}

/** Header names are matched loosely: `passwordHash`, `password_hash` and `Password Hash` are one column. */
const looseName = (name: string) => name.trim().toLowerCase().replace(/[\s_-]+/g, '');
const fieldByLooseName = new Map(importFields.map((f) => [looseName(f), f]));

function csvHeader(cells: string[], file: string): Field[] {
  const columns = cells.map((cell) => {
    const field = fieldByLooseName.get(looseName(cell));
    if (!field) throw usageError(`Unknown column "${cell.slice(0, 40)}" in the header of ${file}; the columns are ${importFields.join(', ')}.`);
    return field;
  });
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
  if (repeated) throw usageError(`The column ${repeated} appears twice in the header of ${file}.`);
  if (!columns.includes('email')) throw usageError(`The header of ${file} has no email column (the columns are ${importFields.join(', ')}).`);
  return columns;
}

/**
 * The cells of one CSV record. A line without a quote character is split on
 * commas, which is what CSV means by it (and 50 times faster than a parser
 * call per line); anything quoted goes to csv-parse. Records are parsed one
 * at a time (csv-parse's stream, after a quoting error, swallows the records
 * that follow it), so a bad line is reported and the next one read afresh.
 */
function csvCells(text: string): string[] {
  if (!text.includes('"')) return text.split(',');
  const records = parseCsv(text, { relax_column_count: true }) as string[][];
  if (records.length !== 1) throw new Error('Expected one record.');
  return records[0]!;
}

const quoteCount = (text: string) => text.split('"').length - 1;
/** A quoted field may span lines; this many at most, so an unclosed quote cannot swallow the file. */
const maxLinesPerRecord = 20;

/** The rows of the file, in order, each with its line number (a CSV record spanning lines: its last line). */
export async function* readRows(file: string, format: ImportFormat): AsyncGenerator<SourceRow> {
  const input = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let read = 0;
  // Lines read ahead for a quoted field that turned out never to close: read again, one by one.
  const again: { line: number; text: string }[] = [];
  const next = async (): Promise<{ line: number; text: string } | undefined> => {
    if (again.length) return again.shift();
    const got = await input.next();
    if (got.done) return undefined;
    read += 1;
    return { line: read, text: read === 1 ? got.value.replace(/^\uFEFF/, '') : got.value };
  };
  let columns: Field[] | undefined;
  try {
    for (let first = await next(); first; first = await next()) {
      if (first.text.trim() === '') continue;
      if (format === 'jsonl') {
        yield fromJsonLine(first.text, first.line);
        continue;
      }
      // A quoted field may span lines: read on while a quote is open, for a few lines at most.
      const record = [first];
      while (quoteCount(record.map((r) => r.text).join('\n')) % 2 === 1 && record.length < maxLinesPerRecord) {
        const more = await next();
        if (!more) break;
        record.push(more);
      }
      const text = record.map((r) => r.text).join('\n');
      let line = record.at(-1)!.line;
      let cells: string[];
      try {
        if (quoteCount(text) % 2 === 1) {
          // Only this line is in error; the lines read ahead are rows of their own.
          again.unshift(...record.slice(1));
          line = first.line;
          throw new Error(`a quote opened on line ${first.line} is never closed`);
        }
        cells = csvCells(text);
      } catch (error) {
        if (!columns) throw usageError(`The header of ${file} is not valid CSV: ${(error as Error).message}`);
        // csv-parse counts lines within the one record it was given: that number would mislead.
        yield rowError(line, `Not valid CSV: ${(error as Error).message.replace(/ at line \d+/, '')}`);
        continue;
      }
      if (!columns) {
        columns = csvHeader(cells, file);
        continue;
      }
      const email = cells[columns.indexOf('email')];
      if (cells.length !== columns.length) {
        yield rowError(line, `Expected ${columns.length} fields as in the header, found ${cells.length}.`, email);
        continue;
      }
      const row: ApiRow = { line, email: '' };
      const problem = columns.map((field, i) => setField(row, field, cells[i])).find((p) => p !== null);
      yield problem ? rowError(line, problem, email) : { line, row };
    }
  } finally {
    // Stopped early (the import ended): let go of the file.
    await input.return?.();
  }
  if (format === 'csv' && !columns) throw usageError(`${file} is empty: a CSV file starts with a header row (${importFields.join(',')}).`);
}
