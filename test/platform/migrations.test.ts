import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  Database,
  isConstraintError,
  type Queryable,
  type Transaction,
} from '../../electron/platform/db/connection'
import { migrate, NewerDatabaseError } from '../../electron/platform/db/migrate'
import type { Migration } from '../../electron/platform/db/migration'
import { migrations } from '../../electron/platform/db/migrations'
import { initial } from '../../electron/platform/db/migrations/001-initial'

const LATEST = migrations.length
const NOW = 1_700_000_000_000

/** The platform's tables as DESIGN.md §4 lists them, all created by migration 001. */
const PLATFORM_TABLES = [
  'admins',
  'admin_sessions',
  'users',
  'numbers',
  'app_lines',
  'app_line_caller_ids',
  'invitations',
  'devices',
  'audit_log',
]

let dir: string
let open: Database[] = []

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-migrations-'))
  open = []
})

afterEach(async () => {
  await Promise.all(open.map((db) => db.close().catch(() => undefined)))
  await rm(dir, { recursive: true, force: true })
})

async function openDb(name = 'platform.db'): Promise<Database> {
  const db = await Database.open(path.join(dir, name))
  open.push(db)
  return db
}

async function closeDb(db: Database): Promise<void> {
  open = open.filter((d) => d !== db)
  await db.close()
}

async function userVersion(db: Queryable): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version')
  return row!.user_version
}

/** Every table, index and trigger with its SQL: equal snapshots mean equal schemas. */
function schema(db: Queryable): Promise<{ type: string; name: string; sql: string | null }[]> {
  return db.all(
    "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
  )
}

async function tableNames(db: Queryable): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
  return rows.map((r) => r.name)
}

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(Error)
    return err as Error
  }
  throw new Error('expected the promise to reject')
}

async function insertUser(tx: Transaction, email: string, sipUser: string): Promise<number> {
  const { lastID } = await tx.run(
    `INSERT INTO users (first_name, last_name, department, job_title, email, sip_user, created_at, updated_at)
     VALUES ('Ada', 'Lovelace', 'Engineering', 'Analyst', ?, ?, ?, ?)`,
    [email, sipUser, NOW, NOW],
  )
  return lastID
}

async function insertLine(
  tx: Transaction,
  userId: number,
  internal: string,
  did: string | null,
  defaultCallerId: string | null = null,
): Promise<void> {
  await tx.run(
    `INSERT INTO app_lines (user_id, did_number, internal_number, external_outbound, default_caller_id,
       rec_inbound_internal, rec_inbound_external, rec_outbound_internal, rec_outbound_external,
       created_at, updated_at)
     VALUES (?, ?, ?, 1, ?, 0, 1, 0, 1, ?, ?)`,
    [userId, did, internal, defaultCallerId, NOW, NOW],
  )
}

async function insertNumbers(tx: Transaction, ...numbers: string[]): Promise<void> {
  for (const n of numbers) {
    await tx.run('INSERT INTO numbers (number, created_at) VALUES (?, ?)', [n, NOW])
  }
}

/** A user with everything hanging off it: line, two caller IDs, an invitation and a device. */
async function insertFullUser(tx: Transaction, key: string, did: string, other: string) {
  const userId = await insertUser(tx, `${key}@example.com`, `u-${key}`)
  await insertLine(tx, userId, key === 'ada' ? '201' : '202', did, did)
  await tx.run('INSERT INTO app_line_caller_ids (user_id, number, position) VALUES (?, ?, 0)', [
    userId,
    did,
  ])
  await tx.run('INSERT INTO app_line_caller_ids (user_id, number, position) VALUES (?, ?, 1)', [
    userId,
    other,
  ])
  await tx.run(
    `INSERT INTO invitations (user_id, code_hash, status, created_at, expires_at)
     VALUES (?, ?, 'sent', ?, ?)`,
    [userId, `code-${key}`, NOW, NOW + 7 * 86_400_000],
  )
  await tx.run(
    `INSERT INTO devices (user_id, machine_hash, name, platform, sip_username, token_hash, activated_at)
     VALUES (?, ?, 'Laptop', 'linux', ?, ?, ?)`,
    [userId, `machine-${key}`, `d-${key}`, `token-${key}`, NOW],
  )
  return userId
}

async function countsFor(db: Queryable, userId: number) {
  const count = async (table: string) =>
    (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`, [userId]))!
      .n
  return {
    app_lines: await count('app_lines'),
    app_line_caller_ids: await count('app_line_caller_ids'),
    invitations: await count('invitations'),
    devices: await count('devices'),
  }
}

describe('a fresh database', () => {
  it('migrates to the latest version in WAL mode with foreign keys on', async () => {
    const db = await openDb()
    expect(await userVersion(db)).toBe(0)
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST })
    expect(await userVersion(db)).toBe(LATEST)
    // Both connections: the reader answers db.get, the writer runs transactions.
    expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' })
    expect(await db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 })
    expect(await db.transaction((tx) => tx.get('PRAGMA foreign_keys'))).toEqual({
      foreign_keys: 1,
    })
    expect(await db.transaction((tx) => tx.get('PRAGMA journal_mode'))).toEqual({
      journal_mode: 'wal',
    })
  })

  it('keeps its version and WAL mode in the file across re-opening', async () => {
    const first = await openDb()
    await migrate(first)
    await closeDb(first)
    const again = await openDb()
    expect(await userVersion(again)).toBe(LATEST)
    expect(await again.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' })
  })

  it('creates every platform table of migration 001, each STRICT', async () => {
    const db = await openDb()
    await migrate(db)
    const created = [...initial.sql.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1])
    expect(created.sort()).toEqual([...PLATFORM_TABLES].sort())
    const list = await db.all<{ name: string; type: string; strict: number }>(
      "SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main'",
    )
    for (const table of PLATFORM_TABLES) {
      expect(
        list.find((t) => t.name === table),
        table,
      ).toMatchObject({ type: 'table', strict: 1 })
    }
  })

  it('enforces STRICT column types', async () => {
    const db = await openDb()
    await migrate(db)
    const err = await rejection(
      db.transaction((tx) =>
        tx.run(
          `INSERT INTO users (email, sip_user, created_at, updated_at) VALUES ('a@b.co', 'u1', 'yesterday', 0)`,
        ),
      ),
    )
    expect(err.message).toMatch(/cannot store TEXT value in INTEGER column users\.created_at/)
  })

  it("creates Kamailio's tables with the version rows its modules check", async () => {
    const db = await openDb()
    await migrate(db)
    const tables = await tableNames(db)
    for (const t of ['version', 'subscriber', 'dbaliases', 'grp', 'sip_caller_ids']) {
      expect(tables, t).toContain(t)
    }
    const versions = await db.all<{ table_name: string; table_version: number }>(
      'SELECT table_name, table_version FROM version ORDER BY table_name',
    )
    expect(Object.fromEntries(versions.map((v) => [v.table_name, v.table_version]))).toMatchObject({
      subscriber: 7,
      dbaliases: 1,
      grp: 2,
      version: 1,
    })
    // The columns auth_db, alias_db and group read.
    const columns = async (table: string) =>
      (await db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)).map(
        (c) => c.name,
      )
    expect(await columns('subscriber')).toEqual(
      expect.arrayContaining(['username', 'domain', 'password', 'ha1', 'ha1b']),
    )
    expect(await columns('dbaliases')).toEqual(
      expect.arrayContaining(['alias_username', 'alias_domain', 'username', 'domain']),
    )
    expect(await columns('grp')).toEqual(
      expect.arrayContaining(['username', 'domain', 'grp', 'last_modified']),
    )
  })
})

describe('upgrades', () => {
  it.each(Array.from({ length: LATEST + 1 }, (_, n) => n))(
    'from version %i to the latest gives the same schema as a fresh install',
    async (n) => {
      const reference = await openDb('reference.db')
      await migrate(reference)
      const expected = await schema(reference)

      const db = await openDb('upgraded.db')
      expect(await migrate(db, migrations.slice(0, n))).toEqual({ from: 0, to: n })
      expect(await userVersion(db)).toBe(n)
      expect(await migrate(db)).toEqual({ from: n, to: LATEST })
      expect(await userVersion(db)).toBe(LATEST)
      expect(await schema(db)).toEqual(expected)
    },
  )

  it('keeps data written at version 1', async () => {
    const file = 'v1.db'
    const v1 = await openDb(file)
    await migrate(v1, migrations.slice(0, 1))
    const userId = await v1.transaction(async (tx) => {
      await tx.run(
        "INSERT INTO admins (email, password_hash, created_at) VALUES ('root@example.com', 'scrypt$x', ?)",
        [NOW],
      )
      await insertNumbers(tx, '+4520304050', '+4520304051')
      const id = await insertFullUser(tx, 'ada', '+4520304050', '+4520304051')
      await tx.run(
        `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, after_json)
         VALUES (?, 'admin:1', 'user.create', 'user', ?, '{"email":"ada@example.com"}')`,
        [NOW, String(id)],
      )
      return id
    })
    const dump = async (db: Queryable) => ({
      admins: await db.all('SELECT * FROM admins'),
      users: await db.all('SELECT * FROM users'),
      numbers: await db.all('SELECT * FROM numbers ORDER BY number'),
      lines: await db.all('SELECT * FROM app_lines'),
      callerIds: await db.all('SELECT * FROM app_line_caller_ids ORDER BY position'),
      invitations: await db.all('SELECT * FROM invitations'),
      devices: await db.all('SELECT * FROM devices'),
      audit: await db.all('SELECT * FROM audit_log'),
    })
    const before = await dump(v1)
    expect(before.users).toHaveLength(1)
    expect(await countsFor(v1, userId)).toEqual({
      app_lines: 1,
      app_line_caller_ids: 2,
      invitations: 1,
      devices: 1,
    })
    await closeDb(v1)

    const db = await openDb(file)
    expect(await migrate(db)).toEqual({ from: 1, to: LATEST })
    expect(await dump(db)).toEqual(before)
  })

  it('migrating an up-to-date database again is a no-op', async () => {
    const db = await openDb()
    await migrate(db)
    await db.transaction((tx) => insertUser(tx, 'ada@example.com', 'u-ada'))
    const schemaBefore = await schema(db)
    const versionRows = await db.all('SELECT * FROM version ORDER BY id')

    expect(await migrate(db)).toEqual({ from: LATEST, to: LATEST })
    expect(await migrate(db)).toEqual({ from: LATEST, to: LATEST })
    expect(await userVersion(db)).toBe(LATEST)
    expect(await schema(db)).toEqual(schemaBefore)
    expect(await db.all('SELECT * FROM version ORDER BY id')).toEqual(versionRows)
    expect(await db.all('SELECT email FROM users')).toEqual([{ email: 'ada@example.com' }])
  })
})

describe('refusals', () => {
  it('refuses a database from a newer version and leaves it untouched', async () => {
    const file = path.join(dir, 'newer.db')
    const newer = await openDb('newer.db')
    await migrate(newer)
    await newer.transaction(async (tx) => {
      await insertUser(tx, 'ada@example.com', 'u-ada')
      await tx.exec(`PRAGMA user_version = ${LATEST + 3}`)
    })
    const schemaBefore = await schema(newer)
    await closeDb(newer)
    const bytesBefore = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')

    const db = await openDb('newer.db')
    const err = await rejection(migrate(db))
    expect(err).toBeInstanceOf(NewerDatabaseError)
    expect(err.name).toBe('NewerDatabaseError')
    expect(err.message).toContain(`schema ${LATEST + 3}`)
    expect(err.message).toContain(`up to schema ${LATEST}`)
    expect(await userVersion(db)).toBe(LATEST + 3)
    expect(await schema(db)).toEqual(schemaBefore)
    expect(await db.all('SELECT email FROM users')).toEqual([{ email: 'ada@example.com' }])
    await closeDb(db)
    const bytesAfter = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
    expect(bytesAfter).toBe(bytesBefore)
  })

  it('refuses a newer but empty database without creating any table', async () => {
    const db = await openDb()
    await db.transaction((tx) => tx.exec(`PRAGMA user_version = ${LATEST + 1}`))
    expect(await rejection(migrate(db))).toBeInstanceOf(NewerDatabaseError)
    expect(await tableNames(db)).toEqual([])
    expect(await userVersion(db)).toBe(LATEST + 1)
  })

  describe('a migration whose SQL fails', () => {
    const custom: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (id INTEGER PRIMARY KEY) STRICT;' },
      {
        version: 2,
        name: 'two',
        sql: 'CREATE TABLE two (id INTEGER PRIMARY KEY) STRICT; INSERT INTO one (id) VALUES (42);',
      },
      {
        version: 3,
        name: 'broken',
        sql: `CREATE TABLE three (id INTEGER PRIMARY KEY) STRICT;
              INSERT INTO two (id) VALUES (1);
              INSERT INTO no_such_table (id) VALUES (1);
              CREATE TABLE four (id INTEGER PRIMARY KEY) STRICT;`,
      },
    ]

    it('rolls back every migration of the run on a fresh file', async () => {
      const db = await openDb()
      const err = await rejection(migrate(db, custom))
      expect(err.message).toMatch(/no such table: no_such_table/)
      expect(await userVersion(db)).toBe(0)
      expect(await tableNames(db)).toEqual([])
      // The writer is out of the failed transaction and usable again.
      await db.transaction((tx) => tx.exec('CREATE TABLE after_failure (x INTEGER) STRICT'))
      expect(await tableNames(db)).toEqual(['after_failure'])
    })

    it('rolls back to the version it started from on an upgrade', async () => {
      const db = await openDb()
      expect(await migrate(db, custom.slice(0, 1))).toEqual({ from: 0, to: 1 })
      await db.transaction((tx) => tx.run('INSERT INTO one (id) VALUES (7)'))
      const schemaBefore = await schema(db)

      await rejection(migrate(db, custom))
      expect(await userVersion(db)).toBe(1)
      expect(await schema(db)).toEqual(schemaBefore)
      expect(await db.all('SELECT id FROM one')).toEqual([{ id: 7 }])
    })

    it('stays refused when retried', async () => {
      const db = await openDb()
      await rejection(migrate(db, custom))
      await rejection(migrate(db, custom))
      expect(await userVersion(db)).toBe(0)
      expect(await tableNames(db)).toEqual([])
      // The first two alone still apply cleanly afterwards.
      expect(await migrate(db, custom.slice(0, 2))).toEqual({ from: 0, to: 2 })
      expect(await tableNames(db)).toEqual(['one', 'two'])
    })
  })

  it.each([
    ['swapped', [2, 1]],
    ['with a gap', [1, 3]],
    ['with a duplicate', [1, 1]],
    ['not starting at 1', [2, 3]],
  ])('rejects a migration list %s and changes nothing', async (_what, versions) => {
    const list: Migration[] = versions.map((version, i) => ({
      version,
      name: `m${i}`,
      sql: `CREATE TABLE t${i} (x INTEGER) STRICT;`,
    }))
    const db = await openDb()
    const err = await rejection(migrate(db, list))
    expect(err).not.toBeInstanceOf(NewerDatabaseError)
    expect(err.message).toMatch(/out of order/)
    expect(await userVersion(db)).toBe(0)
    expect(await tableNames(db)).toEqual([])
  })
})

describe('constraints of the migrated schema', () => {
  let db: Database

  beforeEach(async () => {
    db = await openDb()
    await migrate(db)
  })

  it('refuses a second user whose email differs only in case', async () => {
    await db.transaction((tx) => insertUser(tx, 'Ada.Lovelace@Example.com', 'u1'))
    const err = await rejection(
      db.transaction((tx) => insertUser(tx, 'ada.lovelace@EXAMPLE.COM', 'u2')),
    )
    expect(isConstraintError(err)).toBe(true)
    expect(err.message).toContain('UNIQUE constraint failed: users.email')
    expect(await db.all('SELECT email FROM users')).toEqual([{ email: 'Ada.Lovelace@Example.com' }])
    // Lookups are case-insensitive too.
    expect(
      await db.get('SELECT sip_user FROM users WHERE email = ?', ['ADA.LOVELACE@example.COM']),
    ).toEqual({ sip_user: 'u1' })
  })

  it('refuses a second admin whose email differs only in case', async () => {
    const add = (email: string) =>
      db.transaction((tx) =>
        tx.run('INSERT INTO admins (email, password_hash, created_at) VALUES (?, ?, ?)', [
          email,
          'scrypt$x',
          NOW,
        ]),
      )
    await add('root@example.com')
    const err = await rejection(add('ROOT@example.com'))
    expect(isConstraintError(err)).toBe(true)
  })

  it('refuses a DID assigned to two lines', async () => {
    const err = await rejection(
      db.transaction(async (tx) => {
        await insertNumbers(tx, '+4520304050')
        const ada = await insertUser(tx, 'ada@example.com', 'u1')
        const bob = await insertUser(tx, 'bob@example.com', 'u2')
        await insertLine(tx, ada, '201', '+4520304050')
        await insertLine(tx, bob, '202', '+4520304050')
      }),
    )
    expect(isConstraintError(err)).toBe(true)
    expect(err.message).toContain('UNIQUE constraint failed: app_lines.did_number')
    // The whole transaction was rolled back.
    expect(await db.all('SELECT * FROM users')).toEqual([])
  })

  it('allows any number of lines without a DID, but not a duplicate internal number', async () => {
    await db.transaction(async (tx) => {
      await insertLine(tx, await insertUser(tx, 'a@example.com', 'u1'), '201', null)
      await insertLine(tx, await insertUser(tx, 'b@example.com', 'u2'), '202', null)
    })
    const err = await rejection(
      db.transaction(async (tx) =>
        insertLine(tx, await insertUser(tx, 'c@example.com', 'u3'), '201', null),
      ),
    )
    expect(isConstraintError(err)).toBe(true)
    expect(err.message).toContain('app_lines.internal_number')
  })

  it('refuses a DID that is not in the number inventory', async () => {
    const err = await rejection(
      db.transaction(async (tx) =>
        insertLine(tx, await insertUser(tx, 'a@example.com', 'u1'), '201', '+4599999999'),
      ),
    )
    expect(isConstraintError(err)).toBe(true)
    expect(err.message).toContain('FOREIGN KEY constraint failed')
  })

  it('deleting a user deletes its line, caller IDs, invitations and devices, and only those', async () => {
    const [ada, bob] = await db.transaction(async (tx) => {
      await insertNumbers(tx, '+4520304050', '+4520304051', '+4520304052')
      return [
        await insertFullUser(tx, 'ada', '+4520304050', '+4520304052'),
        await insertFullUser(tx, 'bob', '+4520304051', '+4520304052'),
      ]
    })
    const full = { app_lines: 1, app_line_caller_ids: 2, invitations: 1, devices: 1 }
    expect(await countsFor(db, ada!)).toEqual(full)

    const { changes } = await db.transaction((tx) =>
      tx.run('DELETE FROM users WHERE id = ?', [ada!]),
    )
    expect(changes).toBe(1)
    expect(await countsFor(db, ada!)).toEqual({
      app_lines: 0,
      app_line_caller_ids: 0,
      invitations: 0,
      devices: 0,
    })
    expect(await countsFor(db, bob!)).toEqual(full)
    // The numbers stay in the inventory, now free.
    expect(await db.all('SELECT number FROM numbers ORDER BY number')).toHaveLength(3)
    // And the DID can be deleted once no line uses it.
    await db.transaction((tx) => tx.run("DELETE FROM numbers WHERE number = '+4520304050'"))
  })

  it('refuses to delete a number in use as a DID, a default caller ID or a caller ID', async () => {
    await db.transaction(async (tx) => {
      await insertNumbers(tx, '+4520304050', '+4520304051', '+4520304052', '+4520304053')
      const ada = await insertUser(tx, 'ada@example.com', 'u1')
      await insertLine(tx, ada, '201', '+4520304050', '+4520304051')
      await tx.run(
        'INSERT INTO app_line_caller_ids (user_id, number, position) VALUES (?, ?, 0), (?, ?, 1)',
        [ada, '+4520304051', ada, '+4520304052'],
      )
    })
    for (const number of ['+4520304050', '+4520304051', '+4520304052']) {
      const err = await rejection(
        db.transaction((tx) => tx.run('DELETE FROM numbers WHERE number = ?', [number])),
      )
      expect(isConstraintError(err), number).toBe(true)
      expect(err.message, number).toContain('FOREIGN KEY constraint failed')
    }
    expect(await db.all('SELECT number FROM numbers ORDER BY number')).toHaveLength(4)
    // A number nobody uses can go.
    const { changes } = await db.transaction((tx) =>
      tx.run("DELETE FROM numbers WHERE number = '+4520304053'"),
    )
    expect(changes).toBe(1)
  })
})
