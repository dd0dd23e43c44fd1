import { randomFillSync } from 'node:crypto';

// Random bits come from a pool refilled 4 KiB at a time: a Buffer of its own
// for each id was most of an id's cost, and a bulk import makes ten thousand
// ids a batch. Each pool byte is used once.
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;
const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids
 * sort by creation time and keyset pagination by id is time order.
 */
export function newId(now = Date.now()): string {
  if (!(now >= 0 && now < 2 ** 48)) throw new RangeError(`A UUIDv7 holds milliseconds from 0 to 2^48, not ${now}`);
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const at = used;
  used += 10;
  const time = Math.trunc(now).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-${hex[0x70 | (pool[at]! & 0x0f)]}${poolHex(at + 1)}-${hex[0x80 | (pool[at + 2]! & 0x3f)]}${poolHex(at + 3)}-`
    + `${poolHex(at + 4)}${poolHex(at + 5)}${poolHex(at + 6)}${poolHex(at + 7)}${poolHex(at + 8)}${poolHex(at + 9)}`;
}

/** A pool byte as two hex digits (module-level, so an id allocates no closure for it). */
function poolHex(at: number): string {
  return hex[pool[at]!]!;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
