// Settings that nearly every request consults and that change perhaps once a
// year: the dormancy threshold (every view of a user), whether password
// sign-in is on (every sign-in). Each is read at most every few seconds per
// instance. A change made on this instance applies at once, since its
// writer forgets the value once committed; other instances follow within
// that time.
import type { Ctx, Executor } from './context.js';

const maxAgeMs = 5_000;

export interface CachedSetting<T> {
  /**
   * The value: the cached one while fresh, else read through `executor`
   * (inside a transaction, through it: the connection is the transaction's).
   * Only values read outside a transaction are kept, since a transaction
   * may yet roll back what it read.
   */
  get(ctx: Ctx, executor?: Executor): Promise<T>;
  /** For the writer, once its change is committed: no request in between can cache the old value. */
  forget(ctx: Ctx): void;
}

export function cachedSetting<T>(read: (ctx: Ctx, executor: Executor) => Promise<T>): CachedSetting<T> {
  const cache = new WeakMap<object, { value: T; readAt: number }>();
  return {
    async get(ctx, executor = ctx.db.kysely) {
      const now = Date.now();
      const cached = cache.get(ctx.db);
      if (cached && now - cached.readAt < maxAgeMs) return cached.value;
      const value = await read(ctx, executor);
      if (executor === ctx.db.kysely) cache.set(ctx.db, { value, readAt: now });
      return value;
    },
    forget(ctx) {
      cache.delete(ctx.db);
    },
  };
}
