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
 * The client a hash is for, as the sign-in route sees it: whether it has
 * hung up, and how to hear when it does (returning how to stop hearing).
 * Listening starts only when a hash must wait for a slot, so a sign-in that
 * is refused at once, or hashed at once, pays nothing for it: in a storm of
 * clients that ignore Retry-After, thousands are refused every second.
 */
export interface HashClient {
  hasLeft(): boolean;
  onLeave(listener: () => void): () => void;
}

/**
 * Runs `work` in a hashing slot, or refuses with 503 when the queue is full
 * or the wait too long. A client that hangs up gives its place in the queue
 * up at once, and gets no hash if it had already left: a storm's impatient
 * clients would otherwise hold the queue's places, and then the slots, for
 * nobody, and live clients behind them would be refused. (The client is
 * passed, not kept in an AsyncLocalStorage: one of those slows every promise
 * of the process.)
 */
export async function withHashSlot<T>(work: () => Promise<T>, client?: HashClient): Promise<T> {
  if (client?.hasLeft()) throw new Overloaded();
  if (running < limits.running) {
    running += 1;
  } else {
    await waitForSlot(client);
  }
  try {
    return await work();
  } finally {
    releaseSlot();
  }
}

/** A place in the queue until releaseSlot passes a slot on; given up at the time limit or when the client leaves. */
function waitForSlot(client?: HashClient): Promise<void> {
  if (waiting.length >= limits.waiting) throw new Overloaded();
  return new Promise<void>((resolve, reject) => {
    const entry = {
      start: () => { stopWaiting(); resolve(); },
      timer: setTimeout(() => giveUp(), limits.waitMs),
    };
    const giveUp = () => {
      stopWaiting();
      waiting.splice(waiting.indexOf(entry), 1);
      reject(new Overloaded());
    };
    const stopListening = client?.onLeave(giveUp);
    const stopWaiting = () => {
      clearTimeout(entry.timer);
      stopListening?.();
    };
    waiting.push(entry);
  });
}
