// CSV for spreadsheets: quoting by csv-stringify, plus the OWASP rule against
// formula injection (a cell starting with = + - @ tab or CR is prefixed
// with ' so a spreadsheet shows it as text instead of running it).
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';

export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Streams rows as CSV: rows are pulled one batch at a time as the client
 * reads, so memory stays flat however many rows there are.
 */
export function csvStream(header: string[], rows: AsyncIterable<(string | number | null)[]>): Readable {
  const csv = stringify({ header: true, columns: header });
  Readable.from((async function* () {
    for await (const row of rows) yield row.map((cell) => (cell === null ? '' : neutraliseFormula(String(cell))));
  })(), { objectMode: true }).on('error', (error) => csv.destroy(error)).pipe(csv);
  return csv;
}
