// Queries on the hot path (the session check on every request, the user it
// answers about) are built and compiled once per database instead of on
// every call: Kysely's builder and compiler cost more than SQLite's lookup.
import { createHash } from 'node:crypto';
import { CompiledQuery, type Compilable, type DialectAdapter } from 'kysely';
import type { Executor } from '../domain/context.js';
import { directRead } from './dialects.js';

/**
 * A query whose shape never changes, only its arguments. `build` is called
 * once per database with stand-in arguments (marker strings, whatever the
 * arguments' types: the query only places them); later calls put the real
 * ones in their places.
 *
 * The compiled text is kept per dialect adapter, not per executor: each
 * transaction is an executor of its own, but it shares its database's
 * adapter and compiles the same text, so a hot query inside a transaction
 * (a sign-in's, a mutation's view of its user) is compiled once too.
 */
export function hotQuery<Args extends unknown[], Row>(build: (executor: Executor, ...args: Args) => Compilable<Row>) {
  const compiled = hotCompiled(build);
  return async (executor: Executor, ...args: Args): Promise<Row[]> => {
    const { sql, name, values } = compiled(executor, ...args);
    return (await directRead<Row>(executor, sql, name, values))
      ?? (await executor.executeQuery<Row>(CompiledQuery.raw(sql, values))).rows;
  };
}

/** A hot query's text, name and values, for callers that run it themselves (directTransaction). */
export function hotCompiled<Args extends unknown[], Row>(build: (executor: Executor, ...args: Args) => Compilable<Row>) {
  const compiled = new WeakMap<DialectAdapter, { sql: string; name: string; parameters: readonly unknown[]; slots: number[] }>();
  return (executor: Executor, ...args: Args): { sql: string; name: string; values: unknown[] } => {
    const database = executor.getExecutor().adapter;
    let query = compiled.get(database);
    if (!query) {
      const standIns = args.map((_, i) => `\u0000hot-query-argument-${i}\u0000`) as Args;
      const { sql, parameters } = build(executor, ...standIns).compile();
      const slots = parameters.map((p) => standIns.indexOf(p));
      if (standIns.some((_, i) => !slots.includes(i))) throw new Error('hotQuery: an argument did not become a parameter');
      // A prepared statement's name must mean one text on a connection: derive it from the text.
      const name = `roster_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
      query = { sql, name, parameters, slots };
      compiled.set(database, query);
    }
    const { sql, name, parameters, slots } = query;
    return { sql, name, values: parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p)) };
  };
}
