import sqlite3 from 'sqlite3'
import { Query } from './sql'

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

type Statement = [query: Query] | [text: string, params?: Params]

function toStatement([query, params = []]: Statement): [string, Params] {
  return query instanceof Query ? [query.text, query.params] : [query, params]
}

function openConnection(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db)))
  })
}

function wrap(db: sqlite3.Database): Transaction {
  return {
    get: <T>(...statement: Statement) => {
      const [text, params] = toStatement(statement)
      return new Promise<T | undefined>((resolve, reject) =>
        db.get(text, params, (err: Error | null, row: T | undefined) =>
          err ? reject(err) : resolve(row),
        ),
      )
    },
    all: <T>(...statement: Statement) => {
      const [text, params] = toStatement(statement)
      return new Promise<T[]>((resolve, reject) =>
        db.all(text, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))),
      )
    },
    run: (...statement: Statement) => {
      const [text, params] = toStatement(statement)
      return new Promise<RunResult>((resolve, reject) =>
        db.run(text, params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err)
          else resolve({ lastID: this.lastID, changes: this.changes })
        }),
      )
    },
    exec: (sql: string) =>
      new Promise<void>((resolve, reject) =>
        db.exec(sql, (err) => (err ? reject(err) : resolve())),
      ),
  }
}

async function configure(conn: Transaction): Promise<void> {
  // WAL lets the reader connection see committed data while a write is in
  // progress; FULL sync makes an acknowledged write survive power loss, not
  // only a crash of this process.
  await conn.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
  `)
}

/**
 * One SQLite file, two connections: a writer used only inside `transaction()`
 * (serialised in-process, so a transaction never sees another's statements)
 * and a reader for everything else. node-sqlite3 is asynchronous, so without
 * the queue two requests' statements would interleave on one connection.
 */
export class Database implements Queryable {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly writerDb: sqlite3.Database,
    private readonly readerDb: sqlite3.Database,
    private readonly writer: Transaction,
    private readonly reader: Transaction,
  ) {}

  static async open(file: string): Promise<Database> {
    const writerDb = await openConnection(file)
    const writer = wrap(writerDb)
    await configure(writer)
    const readerDb = await openConnection(file)
    const reader = wrap(readerDb)
    await configure(reader)
    return new Database(writerDb, readerDb, writer, reader)
  }

  get<T>(query: Query): Promise<T | undefined>
  get<T>(text: string, params?: Params): Promise<T | undefined>
  get<T>(...statement: Statement): Promise<T | undefined> {
    return this.reader.get<T>(...toStatement(statement))
  }

  all<T>(query: Query): Promise<T[]>
  all<T>(text: string, params?: Params): Promise<T[]>
  all<T>(...statement: Statement): Promise<T[]> {
    return this.reader.all<T>(...toStatement(statement))
  }

  /** Runs `work` in `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      await this.writer.exec('BEGIN IMMEDIATE')
      try {
        const value = await work(this.writer)
        await this.writer.exec('COMMIT')
        return value
      } catch (err) {
        await this.writer.exec('ROLLBACK').catch(() => undefined)
        throw err
      }
    })
    // The queue continues whether this transaction succeeded or not.
    this.queue = result.catch(() => undefined)
    return result
  }

  async close(): Promise<void> {
    await this.queue
    // One after the other: the last connection to close checkpoints the WAL
    // into the database file and removes it. Closed together, each may see
    // the other still open and leave the WAL behind.
    for (const db of [this.readerDb, this.writerDb]) {
      await new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())))
    }
  }
}

/** True when `err` is SQLite's constraint failure (UNIQUE, FOREIGN KEY, CHECK). */
export function isConstraintError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT'
}
