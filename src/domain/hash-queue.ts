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
 * or the wait too long. A client that hangs up (`clientLeft` aborts) gives
 * its place in the queue up at once, and gets no hash if it had already left:
 * a storm's impatient clients would otherwise hold the queue's places, and
 * then the slots, for nobody, and live clients behind them would be refused.
 * (The signal is passed, not kept in an AsyncLocalStorage: one of those slows
 * every promise of the process.)
 */
export async function withHashSlot<T>(work: () => Promise<T>, clientLeft?: AbortSignal): Promise<T> {
  if (clientLeft?.aborted) throw new Overloaded();
  if (running < limits.running) {
    running += 1;
  } else {
    await waitForSlot(clientLeft);
  }
  try {
    return await work();
  } finally {
    releaseSlot();
  }
}

/** A place in the queue until releaseSlot passes a slot on; left at the time limit or when the client leaves. */
function waitForSlot(clientLeft?: AbortSignal): Promise<void> {
  if (waiting.length >= limits.waiting) throw new Overloaded();
  return new Promise<void>((resolve, reject) => {
    const stopWaiting = () => {
      clearTimeout(entry.timer);
      clientLeft?.removeEventListener('abort', giveUp);
    };
    const giveUp = () => {
      stopWaiting();
      waiting.splice(waiting.indexOf(entry), 1);
      reject(new Overloaded());
    };
    const entry = {
      start: () => { stopWaiting(); resolve(); },
      timer: setTimeout(giveUp, limits.waitMs),
    };
    waiting.push(entry);
    clientLeft?.addEventListener('abort', giveUp);
  });
}
