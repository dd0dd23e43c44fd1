// Epoch milliseconds → ISO 8601 text, as Date#toISOString writes it. V8's
// own goes through a printf-style formatter and costs about half a
// microsecond; a Users page writes 75 of these, so it is done by hand here
// (tests/domain/iso-time.test.ts holds it to toISOString exactly).

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

// The years four digits can write; toISOString writes the rest (±YYYYYY), and rejects what no Date can hold.
const firstMs = Date.parse('0000-01-01T00:00:00.000Z');
const lastMs = Date.parse('9999-12-31T23:59:59.999Z');

export function isoTime(ms: number): string {
  const date = new Date(ms);
  if (!(ms >= firstMs && ms <= lastMs)) return date.toISOString();
  const year = date.getUTCFullYear();
  return (year < 1000 ? String(year).padStart(4, '0') : String(year)) + '-' + pad2(date.getUTCMonth() + 1) + '-' + pad2(date.getUTCDate())
    + 'T' + pad2(date.getUTCHours()) + ':' + pad2(date.getUTCMinutes()) + ':' + pad2(date.getUTCSeconds()) + '.' + pad3(date.getUTCMilliseconds()) + 'Z';
}

/** isoTime, passing null through. */
export function isoTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : isoTime(ms);
}
