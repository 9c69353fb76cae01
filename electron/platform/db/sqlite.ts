import sqlite3 from 'sqlite3'
import { Query } from './sql'

/**
 * One node-sqlite3 connection behind promises. The Database of connection.ts
 * decides which connection runs what; this file only opens, wraps and closes.
 */

export type SqlValue = string | number | bigint | null | Buffer
export type Params = readonly SqlValue[]

export interface RunResult {
  lastID: number
  changes: number
}

/**
 * The statements available inside a transaction and to readers. Platform
 * code passes a `sql\`…\`` Query; the text-and-parameters form remains for
 * tests, benchmarks and constant statements such as the health check's
 * `SELECT 1`.
 */
export interface Queryable {
  get<T>(query: Query): Promise<T | undefined>
  get<T>(text: string, params?: Params): Promise<T | undefined>
  all<T>(query: Query): Promise<T[]>
  all<T>(text: string, params?: Params): Promise<T[]>
}

export interface Transaction extends Queryable {
  run(query: Query): Promise<RunResult>
  run(text: string, params?: Params): Promise<RunResult>
  /** Statements without parameters, several at once: migrations, PRAGMAs, BEGIN/COMMIT. */
  exec(text: string): Promise<void>
}

export type Statement = [query: Query] | [text: string, params?: Params]

export function toStatement([query, params = []]: Statement): [string, Params] {
  return query instanceof Query ? [query.text, query.params] : [query, params]
}

export interface Connection extends Transaction {
  close(): Promise<void>
}

function open(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db)))
  })
}

/** Prepared statements kept per connection; beyond this the least recently used is finalized. */
const STATEMENT_CACHE_SIZE = 256

/**
 * Keeps each SQL text's prepared statement for reuse. node-sqlite3's
 * `db.all(text)` prepares, runs and finalizes: three trips through libuv's
 * thread pool, each with a callback on the main thread. A kept statement runs
 * in one trip (bind, step, reset). Safe because a connection runs one
 * statement at a time (read-pool.ts; the writer's in-process queue).
 */
class StatementCache {
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>()

  constructor(private readonly db: sqlite3.Database) {}

  get(text: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(text)
    if (cached) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.statements.delete(text)
      this.statements.set(text, cached)
      return cached
    }
    const prepared = new Promise<sqlite3.Statement>((resolve, reject) => {
      const statement = this.db.prepare(text, (err) => (err ? reject(err) : resolve(statement)))
    })
    // A statement that does not compile is not kept: the next call reports it again.
    prepared.catch(() => this.statements.delete(text))
    this.statements.set(text, prepared)
    if (this.statements.size > STATEMENT_CACHE_SIZE) {
      const [oldest, statement] = this.statements.entries().next().value!
      this.statements.delete(oldest)
      void statement.then(
        (s) => s.finalize(),
        () => undefined,
      )
    }
    return prepared
  }

  /** Finalizes every statement; the connection cannot close while one is open. */
  async clear(): Promise<void> {
    const all = [...this.statements.values()]
    this.statements.clear()
    for (const prepared of all) {
      const statement = await prepared.catch(() => undefined)
      if (statement) await new Promise<void>((resolve) => statement.finalize(() => resolve()))
    }
  }
}

function wrap(db: sqlite3.Database): Connection {
  const cache = new StatementCache(db)
  const all = async <T>(text: string, params: Params): Promise<T[]> => {
    const statement = await cache.get(text)
    return new Promise<T[]>((resolve, reject) =>
      statement.all([...params], (err: Error | null, rows: T[]) =>
        err ? reject(err) : resolve(rows),
      ),
    )
  }
  return {
    // The first row of all(): node-sqlite3's Statement#get leaves the statement
    // open after one row, which would hold this connection's read snapshot
    // (later reads would miss newer commits) until a reset. Platform queries
    // that use get() select by key or aggregate, so there is only one row.
    get: async <T>(...statement: Statement) => {
      const [text, params] = toStatement(statement)
      return (await all<T>(text, params))[0]
    },
    all: <T>(...statement: Statement) => all<T>(...toStatement(statement)),
    run: async (...statement: Statement) => {
      const [text, params] = toStatement(statement)
      const prepared = await cache.get(text)
      return new Promise<RunResult>((resolve, reject) =>
        prepared.run([...params], function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err)
          else resolve({ lastID: this.lastID, changes: this.changes })
        }),
      )
    },
    exec: (sql: string) =>
      new Promise<void>((resolve, reject) =>
        db.exec(sql, (err) => (err ? reject(err) : resolve())),
      ),
    close: async () => {
      await cache.clear()
      await new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())))
    },
  }
}

/**
 * Opens a connection and sets what every connection needs. `busy_timeout`:
 * a connection that finds the file locked (Kamailio's own connection, a
 * checkpoint, the writer's BEGIN IMMEDIATE against another process) waits
 * for it instead of failing the request with SQLITE_BUSY.
 */
export async function openConnection(file: string, role: 'writer' | 'reader'): Promise<Connection> {
  const conn = wrap(await open(file))
  try {
    await conn.exec(
      role === 'writer'
        ? // WAL lets readers see committed data while a write is in progress;
          // FULL sync makes an acknowledged write survive power loss, not
          // only a crash of this process.
          `PRAGMA journal_mode = WAL;
           PRAGMA synchronous = FULL;
           PRAGMA foreign_keys = ON;
           PRAGMA busy_timeout = 5000;`
        : // The file is in WAL mode already (the writer opens first). A reader
          // that tried to write would take the write lock behind the writer's
          // back; query_only makes that an error instead. foreign_keys as on
          // the writer, so every connection reports the same settings.
          `PRAGMA query_only = ON;
           PRAGMA foreign_keys = ON;
           PRAGMA busy_timeout = 5000;`,
    )
  } catch (err) {
    await conn.close().catch(() => undefined)
    throw err
  }
  return conn
}
