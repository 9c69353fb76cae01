import os from 'node:os'
import { ReadPool } from './read-pool'
import {
  openConnection,
  toStatement,
  type Connection,
  type Params,
  type Queryable,
  type Statement,
  type Transaction,
} from './sqlite'
import type { Query } from './sql'

export type { Params, Queryable, RunResult, SqlValue, Transaction } from './sqlite'

export interface DatabaseOptions {
  /** Reader connections; default: see `defaultReaders`. */
  readers?: number
}

/**
 * Reads that may run at once. Each holds a libuv pool thread while it runs,
 * so the count stays below the pool's size (one thread is left for the
 * writer); more readers than cores only share the same CPUs.
 */
export function defaultReaders(): number {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4
  return Math.max(1, Math.min(pool - 1, os.availableParallelism()))
}

/**
 * One SQLite file (WAL), one writer connection and a small pool of reader
 * connections.
 *
 * - The writer is used only inside `transaction()`, serialised in-process:
 *   node-sqlite3 is asynchronous, so without the queue two requests'
 *   statements would interleave on one connection.
 * - Reads outside transactions go to the pool (read-pool.ts), which bounds
 *   how many are handed to node-sqlite3 at once so that they never queue in
 *   front of the writer's statements.
 */
export class Database implements Queryable {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly writer: Connection,
    private readonly readers: ReadPool,
  ) {}

  static async open(file: string, opts: DatabaseOptions = {}): Promise<Database> {
    // The writer first: it switches the file to WAL before any reader opens it.
    const writer = await openConnection(file, 'writer')
    const readers: Connection[] = []
    try {
      for (let i = 0; i < (opts.readers ?? defaultReaders()); i++) {
        readers.push(await openConnection(file, 'reader'))
      }
    } catch (err) {
      for (const conn of [...readers, writer]) await conn.close().catch(() => undefined)
      throw err
    }
    return new Database(writer, new ReadPool(readers))
  }

  /** How many reads run at once; the rest wait in order. */
  get readerCount(): number {
    return this.readers.size
  }

  get<T>(query: Query): Promise<T | undefined>
  get<T>(text: string, params?: Params): Promise<T | undefined>
  get<T>(...statement: Statement): Promise<T | undefined> {
    const [text, params] = toStatement(statement)
    return this.readers.use((conn) => conn.get<T>(text, params))
  }

  all<T>(query: Query): Promise<T[]>
  all<T>(text: string, params?: Params): Promise<T[]>
  all<T>(...statement: Statement): Promise<T[]> {
    const [text, params] = toStatement(statement)
    return this.readers.use((conn) => conn.all<T>(text, params))
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
    // Readers first, the writer last: the last connection to close
    // checkpoints the WAL into the database file and removes it. Closed
    // together, each may see another still open and leave the WAL behind.
    await this.readers.close()
    await this.writer.close()
  }
}

/** True when `err` is SQLite's constraint failure (UNIQUE, FOREIGN KEY, CHECK). */
export function isConstraintError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT'
}
