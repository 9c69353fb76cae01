import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Database } from '../../electron/platform/db/connection'

/**
 * The database layer under concurrency, on a real SQLite file: one writer,
 * a pool of readers, prepared statements kept per connection (issue 11 item 6).
 */

let dir: string
let file: string
let db: Database

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ps-db-'))
  file = path.join(dir, 'platform.db')
  db = await Database.open(file, { readers: 3 })
  await db.transaction((tx) =>
    tx.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)'),
  )
})

afterEach(async () => {
  await db.close().catch(() => undefined)
  await rm(dir, { recursive: true, force: true })
})

const count = async () => (await db.get<{ n: number }>('SELECT count(*) AS n FROM items'))!.n

describe('Database (one writer, a pool of readers)', () => {
  it('shows every acknowledged write to the next read, on whichever reader it lands', async () => {
    // Reads keep every reader busy while the writes go on; after each commit
    // the next reads (spread over all readers) must see it.
    let stop = false
    const background = Array.from({ length: 8 }, async () => {
      while (!stop) await db.all('SELECT id FROM items ORDER BY name LIMIT 50')
    })
    try {
      for (let i = 1; i <= 40; i++) {
        await db.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', [`item ${i}`]))
        const seen = await Promise.all(Array.from({ length: db.readerCount }, count))
        expect(seen).toEqual(Array.from({ length: db.readerCount }, () => i))
      }
    } finally {
      stop = true
      await Promise.all(background)
    }
  })

  it('does not leave a reader on an old snapshot after get()', async () => {
    await db.transaction((tx) => tx.run("INSERT INTO items (name) VALUES ('a'), ('b'), ('c')"))
    // get() of a query with several rows: the statement must be finished, or
    // its open read would pin the connection's snapshot before the insert below.
    for (let i = 0; i < db.readerCount; i++) await db.get('SELECT id FROM items ORDER BY id')
    await db.transaction((tx) => tx.run("INSERT INTO items (name) VALUES ('d')"))
    const seen = await Promise.all(Array.from({ length: db.readerCount }, count))
    expect(seen).toEqual(Array.from({ length: db.readerCount }, () => 4))
  })

  it('runs many parallel writes one transaction at a time, each all or nothing', async () => {
    await db.transaction((tx) => tx.run("INSERT INTO items (name) VALUES ('taken')"))
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO items (name) VALUES (?)', [`first ${i}`])
          // Every third transaction fails half-way: its first insert must go too.
          if (i % 3 === 0) await tx.run("INSERT INTO items (name) VALUES ('taken')")
          await tx.run('INSERT INTO items (name) VALUES (?)', [`second ${i}`])
          return i
        }),
      ),
    )
    const failed = results.filter((r) => r.status === 'rejected')
    expect(failed).toHaveLength(17)
    for (const r of failed) expect(String(r.reason)).toMatch(/UNIQUE constraint failed: items.name/)
    expect(await count()).toBe(1 + 2 * 33)
  })

  it('reuses prepared statements with new parameters and reports a bad statement every time', async () => {
    await db.transaction(async (tx) => {
      for (let i = 0; i < 20; i++) await tx.run('INSERT INTO items (name) VALUES (?)', [`n${i}`])
    })
    const names = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.get<{ name: string }>('SELECT name FROM items WHERE name = ?', [`n${i}`]),
      ),
    )
    expect(names.map((r) => r?.name)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`))
    expect(await db.get('SELECT name FROM items WHERE name = ?', ['missing'])).toBeUndefined()

    for (let i = 0; i < 2; i++) {
      await expect(db.all('SELECT nope FROM items')).rejects.toThrow(/no such column: nope/)
    }
    // More distinct statements than a connection keeps: old ones are finalized, all still answer.
    for (let i = 0; i < 300; i++) {
      expect(await db.get<{ v: number }>(`SELECT ${i} AS v`)).toEqual({ v: i })
    }
  })

  it('closes after queued reads and writes have finished and leaves no WAL behind', async () => {
    const reads = Array.from({ length: 30 }, () => db.all('SELECT * FROM items'))
    const write = db.transaction((tx) => tx.run("INSERT INTO items (name) VALUES ('last')"))
    await db.close()
    await expect(Promise.all([...reads, write])).resolves.toBeDefined()
    expect(existsSync(`${file}-wal`)).toBe(false)

    const reopened = await Database.open(file)
    try {
      expect(await reopened.get('SELECT name FROM items')).toEqual({ name: 'last' })
    } finally {
      await reopened.close()
    }
  })

  it('refuses a write through a reader connection', async () => {
    // The pool's connections are query_only: a write slipped into db.all
    // instead of a transaction fails instead of racing the writer.
    await expect(db.all("INSERT INTO items (name) VALUES ('x') RETURNING id")).rejects.toThrow(
      /readonly|query_only|attempt to write/i,
    )
  })
})
