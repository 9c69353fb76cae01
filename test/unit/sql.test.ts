import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Database } from '../../electron/platform/db/connection'
import { join, jsonObject, Query, sql, whereAll } from '../../electron/platform/db/sql'

describe('sql tag', () => {
  it('turns every value into a bound parameter, in order', () => {
    const q = sql`SELECT * FROM users WHERE id = ${7} AND email = ${'a@b.c'} AND x IS ${null}`
    expect(q.text).toBe('SELECT * FROM users WHERE id = ? AND email = ? AND x IS ?')
    expect(q.params).toEqual([7, 'a@b.c', null])
  })

  it('leaves a statement without values as it is', () => {
    const q = sql`SELECT count(*) AS n FROM admins`
    expect(q.text).toBe('SELECT count(*) AS n FROM admins')
    expect(q.params).toEqual([])
  })

  it('turns an array into an IN list', () => {
    const q = sql`SELECT * FROM users WHERE id IN ${[1, 2, 3]} AND department = ${'x'}`
    expect(q.text).toBe('SELECT * FROM users WHERE id IN (?, ?, ?) AND department = ?')
    expect(q.params).toEqual([1, 2, 3, 'x'])
  })

  it('turns an empty array into an empty list', () => {
    const q = sql`SELECT * FROM users WHERE id IN ${[]}`
    expect(q.text).toBe('SELECT * FROM users WHERE id IN ()')
    expect(q.params).toEqual([])
  })

  it('splices a nested query with its parameters where it stands', () => {
    const filter = sql`department = ${'sales'}`
    const q = sql`SELECT id FROM users WHERE ${filter} AND id > ${3} LIMIT ${10}`
    expect(q.text).toBe('SELECT id FROM users WHERE department = ? AND id > ? LIMIT ?')
    expect(q.params).toEqual(['sales', 3, 10])
  })

  it('joins conditions, and writes no WHERE when there are none', () => {
    const conditions = [sql`a = ${1}`, sql`b = ${2}`, sql`c IN ${['x', 'y']}`]
    const where = whereAll(conditions)
    expect(where.text).toBe('WHERE a = ? AND b = ? AND c IN (?, ?)')
    expect(where.params).toEqual([1, 2, 'x', 'y'])
    expect(whereAll([]).text).toBe('')
    const listed = join([sql`${1}`, sql`${2}`], sql`, `)
    expect([listed.text, listed.params]).toEqual(['?, ?', [1, 2]])
  })

  it('binds text that looks like SQL as a value, never as SQL', () => {
    const evil = "x'; DROP TABLE users; --"
    const q = sql`SELECT * FROM users WHERE email = ${evil}`
    expect(q.text).toBe('SELECT * FROM users WHERE email = ?')
    expect(q.params).toEqual([evil])
  })

  it('binds a look-alike of a query as a value, not as SQL', () => {
    const fake = { text: '1; DROP TABLE users', params: [] } as unknown as string
    const q = sql`SELECT * FROM users WHERE id = ${fake}`
    expect(q.text).toBe('SELECT * FROM users WHERE id = ?')
    expect(q.params).toEqual([fake])
  })

  it('cannot be constructed outside the tag', () => {
    const Ctor = Query as unknown as new (mint: symbol, text: string, params: unknown[]) => Query
    expect(() => new Ctor(Symbol('sql'), 'DROP TABLE users', [])).toThrow(TypeError)
  })

  it('builds json_object from column names, with extra expressions and their parameters', () => {
    const q = jsonObject('u', ['id', 'first_name'], { n: sql`(SELECT ${5})` })
    expect(q.text).toBe("json_object('id', u.id, 'first_name', u.first_name, 'n', (SELECT ?))")
    expect(q.params).toEqual([5])
  })

  it('refuses a name in jsonObject that is not a plain identifier', () => {
    expect(() => jsonObject('u', ["id', (SELECT 1), '"])).toThrow(/not a plain SQL identifier/)
    expect(() => jsonObject('u; DROP TABLE t', ['id'])).toThrow(TypeError)
    expect(() => jsonObject('u', ['id'], { 'a b': sql`1` })).toThrow(TypeError)
  })
})

describe('sql tag against SQLite', () => {
  let db: Database

  beforeAll(async () => {
    db = await Database.open(':memory:')
    await db.transaction(async (tx) => {
      await tx.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')
      for (const [id, name] of [
        [1, 'ada'],
        [2, 'bob'],
        [3, "o'hara"],
      ] as const) {
        await tx.run(sql`INSERT INTO t (id, name) VALUES (${id}, ${name})`)
      }
    })
  })

  afterAll(() => db.close())

  // ':memory:' gives each of the two connections its own database, so these
  // run on the writer, inside a transaction.
  const names = (q: Query) =>
    db.transaction(async (tx) => (await tx.all<{ name: string }>(q)).map((r) => r.name))

  it('matches the listed rows with IN', async () => {
    expect(await names(sql`SELECT name FROM t WHERE id IN ${[1, 3]} ORDER BY id`)).toEqual([
      'ada',
      "o'hara",
    ])
  })

  it('matches no row with IN an empty list, and every row with NOT IN it', async () => {
    expect(await names(sql`SELECT name FROM t WHERE id IN ${[]}`)).toEqual([])
    expect(await names(sql`SELECT name FROM t WHERE id NOT IN ${[]} ORDER BY id`)).toEqual([
      'ada',
      'bob',
      "o'hara",
    ])
  })

  it('finds a quote-bearing value and drops nothing for an injection attempt', async () => {
    expect(await names(sql`SELECT name FROM t WHERE name = ${"o'hara"}`)).toEqual(["o'hara"])
    expect(await names(sql`SELECT name FROM t WHERE name = ${"x' OR '1'='1"}`)).toEqual([])
    expect(await names(sql`SELECT name FROM t WHERE name = ${"x'; DROP TABLE t; --"}`)).toEqual([])
    expect(await names(sql`SELECT name FROM t ORDER BY id`)).toHaveLength(3)
  })

  it('runs a statement built from nested fragments', async () => {
    const byName = { asc: sql`name ASC`, desc: sql`name DESC` }
    const where = whereAll([sql`id > ${1}`, sql`name <> ${'nobody'}`])
    expect(await names(sql`SELECT name FROM t ${where} ORDER BY ${byName.desc}`)).toEqual([
      "o'hara",
      'bob',
    ])
  })

  it('returns a row as JSON through jsonObject, nested values as JSON', async () => {
    const q = sql`SELECT ${jsonObject('t', ['id', 'name'], {
      tags: sql`json((SELECT json_group_array(name) FROM t))`,
    })} AS row FROM t WHERE id = ${3}`
    const [row] = await db.transaction((tx) => tx.all<{ row: string }>(q))
    expect(JSON.parse(row!.row)).toEqual({ id: 3, name: "o'hara", tags: ['ada', 'bob', "o'hara"] })
  })
})
