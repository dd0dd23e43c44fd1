// Password hashing is the one expensive thing a stranger can make Roster do.
// At most one hash per core runs at once; a bounded number wait for a slot,
// for at most two seconds; anyone beyond that is told at once to come back
// (503 with Retry-After) instead of queueing without limit and making every
// sign-in slow.
import { availableParallelism } from 'node:os';
import { AppError } from './errors.js';

// One hash per core the process may use (libuv's pool has four threads):
// more in parallel on the same cores finish no sooner, and starve the event
// loop that answers everyone else.
const limits = { running: Math.min(4, Math.max(1, availableParallelism())), waiting: 64, waitMs: 2_000 };
let running = 0;
const waiting: { start(): void; timer: NodeJS.Timeout }[] = [];

class Overloaded extends AppError {
  readonly retryAfterSeconds = 1;
  constructor() {
    super('UNAVAILABLE', 'Too many sign-ins at this moment. Try again in a second.');
  }
}

export function configureHashQueue(options: { waiting: number }): void {
  limits.waiting = options.waiting;
}

export function hashQueueLimits(): Readonly<typeof limits> {
  return limits;
}

/**
 * Refuses at once when a hash asked for now would be refused anyway: a
 * storm's excess then costs no database work before its 503.
 */
export function assertHashCapacity(): void {
  if (running >= limits.running && waiting.length >= limits.waiting) throw new Overloaded();
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) {
    clearTimeout(next.timer);
    next.start(); // the slot passes straight on: `running` already counts it
  } else {
    running -= 1;
  }
}

/**
 * Runs `work` in a hashing slot, or refuses with 503 when the queue is full
 * or the wait too long. A hash waited for by a client that has left
 * (`clientGone`) is not computed: a storm's impatient clients would otherwise
 * keep the slots busy for nobody. (The signal is passed, not kept in an
 * AsyncLocalStorage: one of those slows every promise of the process.)
 */
export async function withHashSlot<T>(work: () => Promise<T>, clientGone?: () => boolean): Promise<T> {
  if (running < limits.running) {
    running += 1;
  } else {
    if (waiting.length >= limits.waiting) throw new Overloaded();
    await new Promise<void>((resolve, reject) => {
      const entry = {
        start: resolve,
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(new Overloaded());
        }, limits.waitMs),
      };
      waiting.push(entry);
    });
    if (clientGone?.()) {
      releaseSlot();
      throw new Overloaded();
    }
  }
  try {
    return await work();
  } finally {
    releaseSlot();
  }
}
