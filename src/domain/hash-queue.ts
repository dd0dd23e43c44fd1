// Password hashing is the one expensive thing a stranger can make Roster do.
// At most a few hashes run at once (libuv's thread pool has four threads);
// a bounded number wait for a slot, for at most two seconds; anyone beyond
// that is told at once to come back (503 with Retry-After) instead of
// queueing without limit and making every sign-in slow.
import { AppError } from './errors.js';

const limits = { running: 4, waiting: 64, waitMs: 2_000 };
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

/** Runs `work` in a hashing slot, or refuses with 503 when the queue is full or the wait too long. */
export async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
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
    // The slot was handed over by the one that finished: `running` already counts it.
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    } else {
      running -= 1;
    }
  }
}
