import type { SqlValue } from './connection'

/** Held only by this module, so no other code can construct a Query. */
const MINT: unique symbol = Symbol('sql')

/**
 * A statement (or a piece of one) with its bound parameters. Only `sql` and
 * `join` make one, so its text can only come from template literals in the
 * source: a value never becomes SQL text.
 */
export class Query {
  constructor(
    mint: typeof MINT,
    readonly text: string,
    readonly params: readonly SqlValue[],
  ) {
    if (mint !== MINT) throw new TypeError('Queries are made with sql`…`')
  }
}

/** What may stand in a `${…}` of `sql`: a bound value, a list of them, or a nested Query. */
export type SqlPart = SqlValue | readonly SqlValue[] | Query

/**
 * `sql\`SELECT * FROM users WHERE id = ${id}\`` → text with `?` for every
 * value and the values in order.
 *
 * - a value becomes one `?`;
 * - an array becomes a parenthesised list for `IN`: `(?, ?, ?)`. An empty
 *   array becomes `()`: SQLite accepts an empty list, and then `x IN ()`
 *   matches no row and `x NOT IN ()` every row, which is what an empty list
 *   means. (`(NULL)` would make `NOT IN` match nothing too.)
 * - a Query is spliced in with its own parameters: optional WHERE clauses,
 *   an ORDER BY picked from a fixed map of fragments.
 */
export function sql(strings: TemplateStringsArray, ...parts: readonly SqlPart[]): Query {
  let text = strings[0]!
  const params: SqlValue[] = []
  parts.forEach((part, i) => {
    if (part instanceof Query) {
      text += part.text
      params.push(...part.params)
    } else if (Array.isArray(part)) {
      text += `(${part.map(() => '?').join(', ')})`
      params.push(...(part as readonly SqlValue[]))
    } else {
      text += '?'
      params.push(part as SqlValue)
    }
    text += strings[i + 1]!
  })
  return new Query(MINT, text, params)
}

/** The queries one after the other with `separator` between them, e.g. WHERE conditions joined by ` AND `. */
export function join(queries: readonly Query[], separator: Query): Query {
  const text = queries.map((q) => q.text).join(separator.text)
  const params = queries.flatMap((q, i) =>
    i === 0 ? q.params : [...separator.params, ...q.params],
  )
  return new Query(MINT, text, params)
}

/** `WHERE a AND b …`, or nothing when there are no conditions. */
export function whereAll(conditions: readonly Query[]): Query {
  return conditions.length === 0 ? sql`` : sql`WHERE ${join(conditions, sql` AND `)}`
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

/**
 * `json_object('a', t.a, 'b', t.b, …, 'extra', <query>)`: a row as one JSON
 * value. A page of rows aggregated this way reaches JavaScript as one string
 * for JSON.parse, where node-sqlite3 would build every row object a value at
 * a time, the larger cost for a page of users (issue 11). Names must be
 * plain lower-case identifiers: they come from column lists in the source,
 * never from input. `extra` values are SQL expressions (subqueries in
 * parentheses) with their own parameters.
 */
export function jsonObject(
  alias: string,
  columns: readonly string[],
  extra: Readonly<Record<string, Query>> = {},
): Query {
  for (const name of [alias, ...columns, ...Object.keys(extra)]) {
    if (!IDENTIFIER.test(name)) throw new TypeError(`not a plain SQL identifier: ${name}`)
  }
  const pairs = [
    ...columns.map((column) => new Query(MINT, `'${column}', ${alias}.${column}`, [])),
    ...Object.entries(extra).map(
      ([key, value]) => sql`${new Query(MINT, `'${key}'`, [])}, ${value}`,
    ),
  ]
  return sql`json_object(${join(pairs, sql`, `)})`
}
