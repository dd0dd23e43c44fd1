// Password hashes brought in from another system (issue 7: `roster users
// import`), and Roster's own. They are parsed strictly, with upper bounds on
// every cost parameter: a crafted hash must not make one sign-in burn seconds
// of CPU or gigabytes of memory. An imported hash is verified once, at the
// first successful sign-in, and replaced by Roster's argon2id there
// (passwords.ts decides when; this file only reads and checks hashes).
import { pbkdf2, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import { verify as argon2Verify } from '@node-rs/argon2';

// bcrypt is loaded the first time an imported bcrypt hash is checked: most instances never hold it.
let bcryptModule: Promise<typeof import('@node-rs/bcrypt')> | undefined;
const bcrypt = () => (bcryptModule ??= import('@node-rs/bcrypt'));

export type ParsedHash =
  | { kind: 'argon2'; variant: 'argon2id' | 'argon2i' | 'argon2d'; version: 16 | 19; m: number; t: number; p: number; saltBytes: number; hashBytes: number }
  | { kind: 'bcrypt'; cost: number }
  | { kind: 'pbkdf2'; digest: 'sha1' | 'sha256' | 'sha512'; iterations: number; salt: Buffer; hash: Buffer }
  | { kind: 'scrypt'; ln: number; r: number; p: number; salt: Buffer; hash: Buffer };

// The ceilings keep one verification around a second at worst on one core
// (and argon2/scrypt at 256 MiB), so the four hashing slots stay bounded.
// Real exports sit far below them: bcrypt 10–12, passlib PBKDF2 ≤ 600,000,
// argon2 ≤ 64 MiB with t ≤ 4, passlib scrypt ln=16,r=8,p=1 (64 MiB).
export const hashBounds = {
  argon2: { memoryKiB: [1, 256 * 1024], time: [1, 10], parallelism: [1, 8], memoryTimeKiB: 1024 * 1024, saltBytes: [8, 48], hashBytes: [12, 64] },
  bcrypt: { cost: [4, 14] },
  pbkdf2: { iterations: [1, 2_000_000], saltBytes: [4, 64], hashBytes: [16, 64] },
  scrypt: { ln: [1, 20], r: [1, 32], p: [1, 8], memoryBytes: 256 * 1024 * 1024, work: 2 ** 22, saltBytes: [4, 64], hashBytes: [16, 64] },
} as const;

type Range = readonly [number, number];
const within = (n: number, [min, max]: Range): boolean => n >= min && n <= max;

const b64 = /^[A-Za-z0-9+/]+$/;
const ab64 = /^[A-Za-z0-9./]+$/;
const decimal = /^[1-9][0-9]{0,9}$/; // PHC decimal: no sign, no leading zero; ten digits at most

/** PHC "B64" (standard alphabet, no padding), or passlib's adapted form ('.' for '+'); canonical only. */
function decodeB64(text: string, adapted = false): Buffer | undefined {
  if (!(adapted ? ab64 : b64).test(text) || text.length % 4 === 1) return undefined;
  const standard = adapted ? text.replaceAll('.', '+') : text;
  const bytes = Buffer.from(standard, 'base64');
  // Re-encoding catches non-zero trailing bits, which Buffer.from would silently drop.
  return bytes.toString('base64').replace(/=+$/, '') === standard ? bytes : undefined;
}

/** `k=v,k=v` with exactly these keys in this order, each a decimal. */
function params(text: string, keys: readonly string[]): Record<string, number> | undefined {
  const parts = text.split(',');
  if (parts.length !== keys.length) return undefined;
  const values: Record<string, number> = {};
  for (const [i, part] of parts.entries()) {
    const eq = part.indexOf('=');
    const value = part.slice(eq + 1);
    if (eq < 0 || part.slice(0, eq) !== keys[i] || !decimal.test(value)) return undefined;
    values[keys[i]!] = Number(value);
  }
  return values;
}

function parseArgon2(fields: string[]): ParsedHash | undefined {
  // $argon2id$v=19$m=…,t=…,p=…$salt$hash. Without v= it is Argon2 1.0 (v=16), as
  // in the reference implementation. keyid= and data= are refused: we hold no key.
  const [variant, ...rest] = fields;
  if (variant !== 'argon2id' && variant !== 'argon2i' && variant !== 'argon2d') return undefined;
  let version: 16 | 19 = 16;
  if (rest[0]?.startsWith('v=')) {
    const field = rest.shift();
    if (field === 'v=19') version = 19;
    else if (field !== 'v=16') return undefined;
  }
  if (rest.length !== 3) return undefined;
  const values = params(rest[0]!, ['m', 't', 'p']);
  if (!values) return undefined;
  const { m, t, p } = values as { m: number; t: number; p: number };
  const b = hashBounds.argon2;
  if (!within(p, b.parallelism) || !within(t, b.time) || !within(m, b.memoryKiB) || m < 8 * p || m * t > b.memoryTimeKiB) return undefined;
  const salt = decodeB64(rest[1]!);
  const hash = decodeB64(rest[2]!);
  if (!salt || !hash || !within(salt.length, b.saltBytes) || !within(hash.length, b.hashBytes)) return undefined;
  return { kind: 'argon2', variant, version, m, t, p, saltBytes: salt.length, hashBytes: hash.length };
}

function parseBcrypt(fields: string[]): ParsedHash | undefined {
  // $2b$12$ + 22 characters of salt and 31 of hash, in bcrypt's own base64 alphabet.
  // 2x (the buggy crypt_blowfish variant) is refused: no verifier reproduces it.
  const [variant, cost, rest] = fields;
  if (fields.length !== 3 || (variant !== '2a' && variant !== '2b' && variant !== '2y')) return undefined;
  if (!/^[0-9]{2}$/.test(cost!) || !/^[./A-Za-z0-9]{53}$/.test(rest!)) return undefined;
  const n = Number(cost);
  return within(n, hashBounds.bcrypt.cost) ? { kind: 'bcrypt', cost: n } : undefined;
}

const pbkdf2Digests = { 'pbkdf2-sha256': 'sha256', 'pbkdf2-sha512': 'sha512', pbkdf2: 'sha1' } as const;
const digestBytes = { sha1: 20, sha256: 32, sha512: 64 } as const;

function parsePbkdf2(fields: string[]): ParsedHash | undefined {
  const [id, paramField, saltText, hashText] = fields;
  if (fields.length !== 4 || !Object.hasOwn(pbkdf2Digests, id!)) return undefined;
  const digest = pbkdf2Digests[id as keyof typeof pbkdf2Digests];
  const b = hashBounds.pbkdf2;
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
    // PHC (RustCrypto's pbkdf2): $pbkdf2-sha256$i=…,l=…$<salt B64>$<hash B64>, l = the hash's length.
    // passlib's sha1 id `pbkdf2` is only read in passlib's form.
    if (digest === 'sha1') return undefined;
    const values = params(paramField!, ['i', 'l']) ?? params(paramField!, ['i']);
    if (!values) return undefined;
    iterations = values.i!;
    salt = decodeB64(saltText!);
    hash = decodeB64(hashText!);
    if (!hash || (values.l !== undefined && hash.length !== values.l)) return undefined;
  }
  if (!salt || !within(salt.length, b.saltBytes) || !within(hash.length, b.hashBytes)) return undefined;
  // Each digest-sized block of output costs the iterations again.
  const blocks = Math.ceil(hash.length / digestBytes[digest]);
  if (!within(iterations * blocks, b.iterations)) return undefined;
  return { kind: 'pbkdf2', digest, iterations, salt, hash };
}

function parseScrypt(fields: string[]): ParsedHash | undefined {
  // passlib's (and RustCrypto's) $scrypt$ln=…,r=…,p=…$<salt B64>$<hash B64>, with N = 2^ln.
  const [, paramField, saltText, hashText] = fields;
  if (fields.length !== 4) return undefined;
  const values = params(paramField!, ['ln', 'r', 'p']);
  if (!values) return undefined;
  const { ln, r, p } = values as { ln: number; r: number; p: number };
  const b = hashBounds.scrypt;
  if (!within(ln, b.ln) || !within(r, b.r) || !within(p, b.p)) return undefined;
  if (128 * r * 2 ** ln > b.memoryBytes || 2 ** ln * r * p > b.work) return undefined;
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

/** A name for audit notes and logs: the algorithm, never the hash. */
export function hashAlgorithmName(parsed: ParsedHash): string {
  switch (parsed.kind) {
    case 'argon2': return parsed.variant;
    case 'bcrypt': return 'bcrypt';
    case 'pbkdf2': return `pbkdf2-${parsed.digest}`;
    case 'scrypt': return 'scrypt';
  }
}

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) => Promise<Buffer>;

/**
 * Checks `password` against a hash `parsePasswordHash` accepted. Runs off the
 * event loop (libuv's pool); the caller holds a hashing slot. Never throws:
 * anything unexpected is a failed verification.
 */
export async function verifyParsedHash(parsed: ParsedHash, text: string, password: string): Promise<boolean> {
  try {
    switch (parsed.kind) {
      case 'argon2':
        return await argon2Verify(text, password);
      case 'bcrypt':
        return await (await bcrypt()).verify(password, text);
      case 'pbkdf2': {
        const derived = await pbkdf2Async(password, parsed.salt, parsed.iterations, parsed.hash.length, parsed.digest);
        return timingSafeEqual(derived, parsed.hash);
      }
      case 'scrypt': {
        const derived = await scryptAsync(password, parsed.salt, parsed.hash.length, {
          N: 2 ** parsed.ln, r: parsed.r, p: parsed.p,
          // The parse bounds 128·N·r; the rest is scrypt's per-lane buffers (128·r·p, at most 32 KiB).
          maxmem: hashBounds.scrypt.memoryBytes + 1024 * 1024,
        });
        return timingSafeEqual(derived, parsed.hash);
      }
    }
  } catch {
    return false;
  }
}
