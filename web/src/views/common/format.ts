// How times read in the tables: "Last seen 5 minutes ago", "until 3 Dec 2026, 09:00", "3 Dec 2026".
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Math.abs(seconds) < 60) return 'just now';
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

export function absoluteTime(iso: string): string {
  return absolute.format(new Date(iso));
}

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "3 Dec 2026": when something was created or joined, where the hour does not matter. */
export function absoluteDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}
