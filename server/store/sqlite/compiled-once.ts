// Kysely builds and compiles a query tree for every statement it runs: on a login's path that cost about
// 10 µs a statement, a third of what running it in SQLite costs (issue 20). The flow and counter stores'
// statements are built once, with stand-ins for their values, and run again with the values of each call.
// Only for statements whose SQL does not change with their values (no IN lists, no optional clauses), and
// whose builder passes each value on as it is: a stand-in computed with (`version - 1`) is not found again.
import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.js';

/** A value's place in the compiled statement: the call's argument at that index, or a value fixed in it. */
type Slot = { arg: number } | { fixed: unknown };

export function compiledOnce<Args extends unknown[], Row>(
  build: (db: Kysely<Database>, ...values: Args) => Compilable<Row>,
): (db: Kysely<Database>, ...values: Args) => Promise<QueryResult<Row>> {
  let compiled: { sql: string; slots: Slot[] } | undefined;
  return async (db, ...values) => {
    if (!compiled) {
      // Objects no caller passes stand in for the values; found again among the parameters by identity.
      const standIns = values.map(() => ({}));
      const query = build(db, ...(standIns as Args)).compile();
      const slots: Slot[] = query.parameters.map((p) => {
        const arg = standIns.indexOf(p as object);
        return arg >= 0 ? { arg } : { fixed: p };
      });
      // Every value must reach the statement: one the builder computed with instead would be lost. Nothing is
      // kept then, so every later call is refused as well.
      const placed = new Set(slots.flatMap((s) => ('arg' in s ? [s.arg] : [])));
      if (placed.size !== values.length) throw new Error(`a value is not a parameter of: ${query.sql}`);
      compiled = { sql: query.sql, slots };
    }
    const parameters = compiled.slots.map((s) => ('arg' in s ? values[s.arg] : s.fixed));
    return db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
  };
}
