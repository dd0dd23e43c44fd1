import { randomFillSync } from 'node:crypto';

// Random bits come from a pool refilled 4 KiB at a time: a Buffer of its own
// for each id was most of an id's cost, and a bulk import makes ten thousand
// ids a batch. Each pool byte is used once.
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;
const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

// Within one millisecond, ids this process makes still sort in the order it
// made them: the 12 bits after the version are a counter (RFC 9562 §6.2,
// method 1), started at a random value in the lower half of its range at
// each new millisecond and counted up. Two audit entries written one after
// the other in the same millisecond are then listed in that order. Only a
// burst of more than 2,048 ids in one millisecond (a bulk import's batch)
// starts the counter again, at random.
let counterMs = -1;
let counter = 0;

function nextCounter(now: number, randomByte: number, randomNibble: number): number {
  if (now === counterMs && counter < 0xfff) return (counter += 1);
  counterMs = now;
  counter = ((randomNibble & 0x07) << 8) | randomByte;
  return counter;
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, a counter within the
 * millisecond, then random bits, so ids sort by creation time and keyset
 * pagination by id is time order.
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
  const sequence = nextCounter(Math.trunc(now), pool[at + 1]!, pool[at]!);
  return `${time.slice(0, 8)}-${time.slice(8)}-${hex[0x70 | (sequence >> 8)]}${hex[sequence & 0xff]}-${hex[0x80 | (pool[at + 2]! & 0x3f)]}${poolHex(at + 3)}-`
    + `${poolHex(at + 4)}${poolHex(at + 5)}${poolHex(at + 6)}${poolHex(at + 7)}${poolHex(at + 8)}${poolHex(at + 9)}`;
}

/** A pool byte as two hex digits (module-level, so an id allocates no closure for it). */
function poolHex(at: number): string {
  return hex[pool[at]!]!;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
