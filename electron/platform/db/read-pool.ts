import type { Connection } from './sqlite'

/**
 * A few reader connections, each running one statement at a time; further
 * reads wait here, in order, until a connection is free.
 *
 * Why the bound: node-sqlite3 runs every statement on libuv's thread pool
 * (4 threads unless UV_THREADPOOL_SIZE says otherwise), shared with the
 * writer, file I/O and crypto. Handed to node-sqlite3 at once, hundreds of
 * concurrent reads fill that pool's queue, and their threads block on the
 * connection's mutex, so each writer statement — a transaction has several —
 * waited behind the whole backlog (issue 11: creations took 12 s under 200
 * list clients). Queued here instead, at most `size` reads occupy pool
 * threads, and the writer's statement is next in line whenever it comes.
 */
export class ReadPool {
  private readonly idle: Connection[]
  private readonly waiting: ((conn: Connection) => void)[] = []

  constructor(private readonly connections: readonly Connection[]) {
    if (connections.length === 0) throw new Error('a read pool needs a connection')
    this.idle = [...connections]
  }

  get size(): number {
    return this.connections.length
  }

  /** Runs `read` on a free connection (waiting for one) and frees it after. */
  async use<T>(read: (conn: Connection) => Promise<T>): Promise<T> {
    const conn = this.idle.pop() ?? (await new Promise<Connection>((r) => this.waiting.push(r)))
    try {
      return await read(conn)
    } finally {
      const next = this.waiting.shift()
      if (next) next(conn)
      else this.idle.push(conn)
    }
  }

  /** Closes every connection once the reads in progress and queued have finished. */
  async close(): Promise<void> {
    await Promise.all(this.connections.map(() => this.use(async () => undefined)))
    for (const conn of this.connections) await conn.close()
  }
}
