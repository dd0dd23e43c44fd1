// The prepared statements behind every SQLite query, Kysely's and the hot
// path's alike: each text is prepared once, and reads come back as arrays
// that a per-statement function turns into row objects.
import type SQLite from 'better-sqlite3';

/** What Kysely's SQLite driver asks of a statement. */
export interface CachedStatement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): Record<string, unknown>[];
  run(parameters: readonly unknown[]): SQLite.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<Record<string, unknown>>;
}

type RowBuilder = (cells: unknown[]) => Record<string, unknown>;

/**
 * A function that names a row's cells, written out for this statement's
 * columns. better-sqlite3 builds each row object in C++ one property at a
 * time, looking up each name anew: on a page of 25 users that costs about a
 * sixth of the query. An object literal with fixed keys is one allocation of
 * one shape. The names come from the statement (our own SQL) and are
 * written as JSON string literals, so no text can escape them.
 */
function rowBuilder(names: readonly string[]): RowBuilder {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: cells[${i}]`);
  return new Function('cells', `return { ${fields.join(', ')} };`) as RowBuilder;
}

function cachedStatement(statement: SQLite.Statement): CachedStatement {
  if (!statement.reader) {
    const unusable = () => { throw new Error('not a statement that returns rows'); };
    return { reader: false, all: unusable, iterate: unusable, run: (parameters) => statement.run(parameters) };
  }
  statement.raw(true);
  const build = rowBuilder(statement.columns().map((column) => column.name));
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(build),
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const cells of statement.iterate(parameters) as IterableIterator<unknown[]>) yield build(cells);
    },
  };
}

/**
 * Kysely prepares every query anew; compiling the SQL was a fifth of a
 * session check. The same text gets the same prepared statement, except one
 * that is mid-iteration. Texts vary only with list lengths (`in (?, ?)`), so
 * the cache stays small; it starts over if it ever grows large.
 */
export function statementCache(database: SQLite.Database) {
  const statements = new Map<string, { statement: SQLite.Statement; cached: CachedStatement }>();
  return {
    close: () => database.close(),
    prepare(source: string): CachedStatement {
      const entry = statements.get(source);
      if (entry && !entry.statement.busy) return entry.cached;
      const statement = database.prepare(source);
      const cached = cachedStatement(statement);
      if (statements.size >= 2_000) statements.clear();
      statements.set(source, { statement, cached });
      return cached;
    },
  };
}
