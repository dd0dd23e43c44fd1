// A deterministic file of people for `roster users import` (issue 7): the
// same N rows every time for a seed, with realistic names and addresses of a
// large company (one local part per person, a few mail domains, names with
// accents and apostrophes). Written as a stream, so a million rows need no
// more memory than a thousand.
//
//   node --import tsx bench/import-file.ts OUT.jsonl 1000000 [--csv] [--seed 7]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { stringify } from 'csv-stringify/sync';

const firstNames = [
  'Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Guido', 'Anita', 'Bjarne', 'Hedy',
  'Tim', 'Sophie', 'John', 'Katherine', 'Niklaus', 'Yukihiro', 'Shafi', 'Leslie', 'Donald', 'Mary', 'Rob', 'Jean', 'Vint', 'Adele', 'James',
  'Lin', 'Priya', 'Olusegun', 'Mei', 'Carlos', 'Fatima', 'Jörg', 'Zoë', 'Anders', 'Inès', 'Amara', 'Bruno', 'Chiara', 'Dmitri', 'Elif',
  'Farid', 'Greta', 'Hiroshi', 'Ingrid', 'Javier', 'Kwame', 'Leila', 'Mateo', 'Nadia', 'Oskar', 'Paula', 'Quentin', 'Rania', 'Soren', 'Tariq',
  'Ursula', 'Valentina', 'Wei', 'Ximena', 'Yusuf', 'Zainab', 'Aoife', 'Björn', 'Céline', 'Deepak', 'Emeka', 'Fiona', 'Gökhan', 'Hana', 'Ivan',
];
const lastNames = [
  'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'van Rossum', 'Borg',
  'Stroustrup', 'Lamarr', 'Berners-Lee', 'Wilson', 'McCarthy', 'Johnson', 'Wirth', 'Matsumoto', 'Goldwasser', 'Lamport', 'Knuth', 'Pike',
  'Sammet', 'Cerf', 'Goldberg', 'Gosling', 'Chen', 'Patel', 'Obasanjo', 'Wang', 'Garcia', 'Haddad', 'Müller', 'Nakamura', 'Kowalski',
  'Andersson', "O'Brien", 'Nguyen', 'Kim', 'Singh', 'Rossi', 'Dubois', 'Novak', 'Ivanova', 'Okafor', 'Silva', 'Yilmaz', 'Jensen', 'Costa',
  'Schmidt', 'Fernández', 'Kaur', 'Tanaka', 'Mensah', 'Larsen', 'Popescu', 'Horvath', 'Moreau', 'Achebe', 'Lindqvist', 'Ahmed', 'Brennan',
];
const domains = ['example.com', 'corp.example.com', 'eu.example.com', 'labs.example.org'];

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

export interface ImportPerson {
  email: string;
  name: string;
  /** As in a company: 90 % members, 7 % auditors, 3 % site managers. */
  role: 'member' | 'auditor' | 'site-manager';
}

/** The i-th person of the sequence: call with i = 0, 1, 2… in order (the per-name counter makes each local part unique). */
export function peopleOf(seed = 7): (i: number) => ImportPerson {
  const rand = random(seed);
  const seen = new Map<string, number>();
  return () => {
    const first = firstNames[Math.floor(rand() * firstNames.length)]!;
    const last = lastNames[Math.floor(rand() * lastNames.length)]!;
    const domain = domains[Math.floor(rand() * domains.length)]!;
    const base = `${ascii(first)}.${ascii(last)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const r = rand();
    const role = r < 0.9 ? 'member' : r < 0.97 ? 'auditor' : 'site-manager';
    return { email: `${base}${n > 1 ? n : ''}@${domain}`, name: `${first} ${last}`, role };
  };
}

/**
 * Writes `count` OIDC users to `file` as JSON lines (default) or CSV with a
 * header, the same rows for the same seed. Resolves once the file is closed.
 */
export async function writeImportFile(file: string, count: number, options: { format?: 'jsonl' | 'csv'; seed?: number } = {}): Promise<void> {
  const format = options.format ?? 'jsonl';
  const next = peopleOf(options.seed ?? 7);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const closed = once(out, 'close');
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write('email,name,loginType,role\n');
  for (let from = 0; from < count; from += 10_000) {
    let chunk = '';
    for (let i = from; i < Math.min(count, from + 10_000); i++) {
      const person = next(i);
      chunk += format === 'csv'
        ? stringify([[person.email, person.name, 'oidc', person.role]])
        : `${JSON.stringify({ email: person.email, name: person.name, loginType: 'oidc', role: person.role })}\n`;
    }
    await write(chunk);
  }
  out.end();
  await closed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, count] = process.argv.slice(2);
  if (!file || !count || !/^\d+$/.test(count)) {
    process.stderr.write('usage: node --import tsx bench/import-file.ts OUT N [--csv] [--seed S]\n');
    process.exit(2);
  }
  const seedAt = process.argv.indexOf('--seed');
  const started = performance.now();
  await writeImportFile(file, Number(count), { format: process.argv.includes('--csv') ? 'csv' : 'jsonl', seed: seedAt > 0 ? Number(process.argv[seedAt + 1]) : 7 });
  process.stderr.write(`wrote ${count} rows to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
