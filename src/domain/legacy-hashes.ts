// Password hashes brought in from another system (issue 7: `roster users
// import`). They are parsed strictly, with upper bounds on every cost
// parameter: a crafted hash must not make one sign-in burn seconds of CPU or
// gigabytes of memory. A hash that passes is verified once, at the first
// successful sign-in, and replaced by Roster's own argon2id there.

export type ParsedHash =
  | { kind: 'argon2'; variant: 'argon2id' | 'argon2i' | 'argon2d'; version: 16 | 19; m: number; t: number; p: number }
  | { kind: 'bcrypt'; cost: number }
  | { kind: 'pbkdf2'; digest: 'sha1' | 'sha256' | 'sha512'; iterations: number; salt: Buffer; hash: Buffer }
  | { kind: 'scrypt'; ln: number; r: number; p: number; salt: Buffer; hash: Buffer };

export const bounds = {
  argon2: { memoryKiBMax: 256 * 1024, timeMax: 10, parallelismMax: 8, saltBytes: [8, 64], hashBytes: [4, 64] },
  bcrypt: { costMin: 4, costMax: 14 },
  pbkdf2: { iterationsMax: 2_000_000, saltBytes: [4, 64], hashBytes: [16, 64] },
  scrypt: { lnMax: 20, rMax: 32, pMax: 8, memoryBytesMax: 256 * 1024 * 1024, saltBytes: [4, 64], hashBytes: [16, 64] },
} as const;

const b64 = /^[A-Za-z0-9+/]+$/;
const ab64 = /^[A-Za-z0-9./]+$/;
const decimal = /^[1-9][0-9]{0,8}$/; // no sign, no leading zeros, small enough to be exact

/** Unpadded standard base64, canonical (re-encoding gives the same text), or undefined. */
function decodeB64(text: string, adapted = false): Buffer | undefined {
  if (!(adapted ? ab64 : b64).test(text) || text.length % 4 === 1) return undefined;
  const standard = adapted ? text.replaceAll('.', '+') : text;
  const bytes = Buffer.from(standard, 'base64');
  return bytes.toString('base64').replace(/=+$/, '') === standard ? bytes : undefined;
}

function within(n: number, [min, max]: readonly [number, number]): boolean {
  return n >= min && n <= max;
}

/** `k=v,k=v` with exactly the given keys in that order, each a positive decimal. */
function params(text: string, keys: readonly string[]): number[] | undefined {
  const parts = text.split(',');
  if (parts.length !== keys.length) return undefined;
  const values: number[] = [];
  for (const [i, part] of parts.entries()) {
    const [key, value, ...rest] = part.split('=');
    if (key !== keys[i] || value === undefined || rest.length > 0 || !decimal.test(value)) return undefined;
    values.push(Number(value));
  }
  return values;
}

function parseArgon2(fields: string[]): ParsedHash | undefined {
  // $argon2id$v=19$m=…,t=…,p=…$salt$hash — the version field is required here.
  const [variant, versionField, paramField, salt, hash] = fields;
  if (fields.length !== 5 || (variant !== 'argon2id' && variant !== 'argon2i' && variant !== 'argon2d')) return undefined;
  const version = versionField === 'v=19' ? 19 : versionField === 'v=16' ? 16 : undefined;
  const values = params(paramField!, ['m', 't', 'p']);
  if (!version || !values) return undefined;
  const [m, t, p] = values as [number, number, number];
  const b = bounds.argon2;
  if (p > b.parallelismMax || t > b.timeMax || m > b.memoryKiBMax || m < 8 * p) return undefined;
  const saltBytes = decodeB64(salt!);
  const hashBytes = decodeB64(hash!);
  if (!saltBytes || !hashBytes || !within(saltBytes.length, b.saltBytes) || !within(hashBytes.length, b.hashBytes)) return undefined;
  return { kind: 'argon2', variant, version, m, t, p };
}

function parseBcrypt(fields: string[]): ParsedHash | undefined {
  // $2b$12$ + 22 characters of salt + 31 of hash, in bcrypt's own base64 alphabet.
  const [variant, cost, rest] = fields;
  if (fields.length !== 3 || (variant !== '2a' && variant !== '2b' && variant !== '2y')) return undefined;
  if (!/^[0-9]{2}$/.test(cost!) || !/^[./A-Za-z0-9]{53}$/.test(rest!)) return undefined;
  const n = Number(cost);
  if (n < bounds.bcrypt.costMin || n > bounds.bcrypt.costMax) return undefined;
  return { kind: 'bcrypt', cost: n };
}

const pbkdf2Digests = { 'pbkdf2-sha256': 'sha256', 'pbkdf2-sha512': 'sha512', pbkdf2: 'sha1' } as const;
const digestBytes = { sha1: 20, sha256: 32, sha512: 64 } as const;

function parsePbkdf2(fields: string[]): ParsedHash | undefined {
  const [id, paramField, saltText, hashText] = fields;
  if (fields.length !== 4 || !Object.hasOwn(pbkdf2Digests, id!)) return undefined;
  const digest = pbkdf2Digests[id as keyof typeof pbkdf2Digests];
  const b = bounds.pbkdf2;
  let iterations: number;
  let salt: Buffer | undefined;
  let hash: Buffer | undefined;
  if (decimal.test(paramField!)) {
    // passlib: $pbkdf2-sha256$29000$<salt ab64>$<checksum ab64>; the checksum is one digest long.
    iterations = Number(paramField);
    salt = decodeB64(saltText!, true);
    hash = decodeB64(hashText!, true);
    if (!hash || hash.length !== digestBytes[digest]) return undefined;
  } else {
    // PHC: $pbkdf2-sha256$i=…,l=…$<salt b64>$<hash b64>, with l the hash's length in bytes.
    if (digest === 'sha1') return undefined; // the sha1 variant only exists in passlib's form
    const values = params(paramField!, ['i', 'l']);
    if (!values) return undefined;
    iterations = values[0]!;
    salt = decodeB64(saltText!);
    hash = decodeB64(hashText!);
    if (!hash || hash.length !== values[1]) return undefined;
  }
  if (iterations > b.iterationsMax || !salt || !within(salt.length, b.saltBytes) || !within(hash.length, b.hashBytes)) return undefined;
  return { kind: 'pbkdf2', digest, iterations, salt, hash };
}

function parseScrypt(fields: string[]): ParsedHash | undefined {
  // $scrypt$ln=…,r=…,p=…$salt$hash (PHC, as passlib writes it): N = 2^ln.
  const [, paramField, saltText, hashText] = fields;
  if (fields.length !== 4) return undefined;
  const values = params(paramField!, ['ln', 'r', 'p']);
  if (!values) return undefined;
  const [ln, r, p] = values as [number, number, number];
  const b = bounds.scrypt;
  if (ln > b.lnMax || r > b.rMax || p > b.pMax || 128 * r * 2 ** ln > b.memoryBytesMax) return undefined;
  const salt = decodeB64(saltText!);
  const hash = decodeB64(hashText!);
  if (!salt || !hash || !within(salt.length, b.saltBytes) || !within(hash.length, b.hashBytes)) return undefined;
  return { kind: 'scrypt', ln, r, p, salt, hash };
}

/** The hash's algorithm and parameters, or undefined when it is not one Roster accepts. */
export function parsePasswordHash(text: string): ParsedHash | undefined {
  if (typeof text !== 'string' || text.length > 512 || !text.startsWith('$')) return undefined;
  const fields = text.slice(1).split('$');
  const id = fields[0]!;
  if (id.startsWith('argon2')) return parseArgon2(fields);
  if (id.startsWith('2')) return parseBcrypt(fields);
  if (id.startsWith('pbkdf2')) return parsePbkdf2(fields);
  if (id === 'scrypt') return parseScrypt(fields);
  return undefined;
}

/** True for a well-formed hash of a supported algorithm with parameters within bounds (the importer's row check). */
export function isImportablePasswordHash(hash: string): boolean {
  return parsePasswordHash(hash) !== undefined;
}
