import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activate } from '../../electron/platform/activation/service'
import { loadConfig } from '../../electron/platform/config'
import type { PlatformContext } from '../../electron/platform/context'
import { Database, type SqlValue } from '../../electron/platform/db/connection'
import { migrate } from '../../electron/platform/db/migrate'
import type { InvitationDispatcher } from '../../electron/platform/invitations/dispatcher'
import { saveAppLine } from '../../electron/platform/lines/service'
import { addNumbers } from '../../electron/platform/numbers/service'
import { AttemptLimits } from '../../electron/platform/security/attempt-limits'
import { findTemplate } from '../../electron/platform/sip/kamailio-config'
import { createUser } from '../../electron/platform/users/service'
import { appLineInputSchema } from '@shared/schemas/app-line'
import { userInputSchema } from '@shared/schemas/users'

/**
 * What Kamailio reads from the platform's SQLite file, run against a freshly
 * migrated database holding lines the platform's own services provisioned:
 * the template's `sql_xquery` statements as the template has them, and the
 * tables and columns its modules are configured to read. A migration that
 * renames a column or drops a `version` row fails here, not on a live PBX.
 */

const DOMAIN = 'pbx.example.test'
const ACTOR = 'admin@example.test'

/** The versions Kamailio 5.x's modules check in `version` at start-up (its db_sqlite/*-create.sql). */
const MODULE_TABLE_VERSIONS = { subscriber: 7, dbaliases: 1, grp: 2 }

let template: string
let dir: string
let db: Database
let ctx: PlatformContext
const mailedCodes = new Map<number, string>()

/** Each `sql_xquery("platform", "<sql>", "<result name>")` of the template, by result name. */
function xqueries(text: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const m of text.matchAll(/sql_xquery\("platform", "((?:[^"\\]|\\.)*)", "(\w+)"\)/g)) {
    found.set(m[2]!, m[1]!)
  }
  return found
}

/**
 * The statement with every `$(<pv>{sql.val})` as a bound parameter, which is
 * what `{sql.val}` makes of it: one quoted SQL value.
 */
function bind(statement: string, values: Record<string, string>): [string, SqlValue[]] {
  const params: SqlValue[] = []
  const text = statement.replace(/\$\((\w+(?:\(\w+\))?)\{sql\.val\}\)/g, (_, pv: string) => {
    const value = values[pv]
    if (value === undefined) throw new Error(`no test value for the pseudo-variable ${pv}`)
    params.push(value)
    return '?'
  })
  if (text.includes('$')) throw new Error(`a pseudo-variable the test does not bind: ${text}`)
  return [text, params]
}

async function xquery(name: string, values: Record<string, string>): Promise<unknown[]> {
  const statement = xqueries(template).get(name)
  if (!statement) throw new Error(`the template has no sql_xquery named ${name}`)
  return db.all(...bind(statement, values))
}

/** The value of `modparam("<module>", "<param>", <"text" or number>)` in the template, or undefined. */
function modparam(module: string, param: string): string | undefined {
  const m = new RegExp(`modparam\\("${module}", "${param}", (?:"([^"]*)"|(\\d+))\\)`).exec(template)
  return m ? (m[1] ?? m[2]) : undefined
}

async function columns(table: string): Promise<string[]> {
  const rows = await db.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', [table])
  return rows.map((r) => r.name)
}

/** A user with a line, saved the way the admin console saves one; returns the address of record. */
async function userWithLine(email: string, line: Record<string, unknown>) {
  const user = await createUser(ctx, userInputSchema.parse({ email, firstName: 'Test' }), ACTOR)
  await saveAppLine(ctx, user.id, appLineInputSchema.parse(line), ACTOR)
  return { id: user.id, aorUser: `u${user.id}` }
}

beforeAll(async () => {
  const file = findTemplate()
  if (!file) throw new Error('deploy/kamailio/kamailio.cfg.template not found')
  template = await readFile(file, 'utf8')
  dir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-kamailio-queries-'))
  db = await Database.open(path.join(dir, 'platform.db'))
  await migrate(db)
  let now = 1_700_000_000_000
  ctx = {
    db,
    config: {
      ...loadConfig({
        PHONE_SYSTEMS_DATA_DIR: dir,
        PHONE_SYSTEMS_SIP_DOMAIN: DOMAIN,
        PHONE_SYSTEMS_KAMAILIO: 'off',
      }),
      publicUrl: 'http://127.0.0.1:1',
    },
    // The code exists only in the invitation the dispatcher would mail: keep it instead.
    dispatcher: {
      dispatch: (invitationId: number, code: string) => mailedCodes.set(invitationId, code),
      cancel: () => undefined,
    } as unknown as InvitationDispatcher,
    limits: new AttemptLimits(),
    now: () => (now += 1000),
    onDeviceRevoked: () => undefined,
    sipRpc: undefined,
  }
})

afterAll(async () => {
  await db?.close()
  await rm(dir, { recursive: true, force: true })
})

describe("the template's sql_xquery statements", () => {
  let full: { aorUser: string }
  let bare: { aorUser: string }

  beforeAll(async () => {
    await addNumbers(ctx, ['+4520304050', '+4520304051', '+4520304052', '+4520304060'], ACTOR)
    full = await userWithLine('full@example.test', {
      internalNumber: '201',
      didNumber: '+4520304050',
      externalOutbound: true,
      callerIds: ['+4520304051', '+4520304052'],
      defaultCallerId: '+4520304052',
    })
    bare = await userWithLine('bare@example.test', {
      internalNumber: '202',
      didNumber: '+4520304060',
    })
  })

  it('are the four this test covers', () => {
    expect([...xqueries(template).keys()].sort()).toEqual(['cid', 'dcid', 'did', 'ext'])
  })

  it('find the internal number of the caller (ext), not the DID', async () => {
    expect(await xquery('ext', { fU: full.aorUser })).toEqual([{ alias_username: '201' }])
    expect(await xquery('ext', { fU: bare.aorUser })).toEqual([{ alias_username: '202' }])
    expect(await xquery('ext', { fU: 'u999' })).toEqual([])
  })

  it('accept a requested caller ID only when it is on the line (cid)', async () => {
    const ask = (want: string) => xquery('cid', { fU: full.aorUser, 'var(want)': want })
    expect(await ask('+4520304051')).toEqual([{ caller_id: '+4520304051' }])
    expect(await ask('+4520304060')).toEqual([])
    expect(await ask("+45' OR '1'='1")).toEqual([])
    expect(await xquery('cid', { fU: bare.aorUser, 'var(want)': '+4520304051' })).toEqual([])
  })

  it("find the line's default caller ID (dcid)", async () => {
    expect(await xquery('dcid', { fU: full.aorUser })).toEqual([{ caller_id: '+4520304052' }])
    expect(await xquery('dcid', { fU: bare.aorUser })).toEqual([])
  })

  it("fall back to the line's DID (did)", async () => {
    expect(await xquery('did', { fU: full.aorUser })).toEqual([{ caller_id: '+4520304050' }])
    expect(await xquery('did', { fU: bare.aorUser })).toEqual([{ caller_id: '+4520304060' }])
  })
})

describe('the tables Kamailio modules read by configuration', () => {
  it('auth_db: the subscriber table has the user, domain, password and loaded columns', async () => {
    const table = /auth_check\("[^"]*", "(\w+)"/.exec(template)?.[1]
    expect(table).toBe('subscriber')
    const password = modparam('auth_db', 'password_column')
    expect(password).toBe('ha1')
    // `$avp(name)=column;…`: each column is read into an AVP at authentication.
    const loaded = (modparam('auth_db', 'load_credentials') ?? '')
      .split(';')
      .map((pair) => pair.split('=')[1]!)
    expect(loaded).toEqual(['aor_user'])
    expect(modparam('auth_db', 'user_column')).toBeUndefined()
    expect(modparam('auth_db', 'domain_column')).toBeUndefined()
    expect(await columns(table!)).toEqual(
      expect.arrayContaining(['username', 'domain', password!, ...loaded]),
    )
  })

  it('auth_db: an activated device has its HA1 and address of record under its username', async () => {
    const { aorUser } = await userWithLine('device@example.test', { internalNumber: '203' })
    const [code] = [...mailedCodes.values()].slice(-1)
    const result = await activate(
      ctx,
      { code: code!, deviceId: 'machine-0001', deviceName: 'Laptop', platform: 'linux' },
      '127.0.0.1',
    )
    const username = result.sip.authorizationUser
    const ha1 = createHash('md5').update(`${username}:${DOMAIN}:${result.sip.password}`)
    // use_domain 1: the module looks the device up by user and domain.
    expect(modparam('auth_db', 'use_domain')).toBe('1')
    expect(
      await db.all('SELECT ha1, aor_user FROM subscriber WHERE username = ? AND domain = ?', [
        username,
        DOMAIN,
      ]),
    ).toEqual([{ ha1: ha1.digest('hex'), aor_user: aorUser }])
  })

  it('alias_db: dbaliases maps internal numbers and DIDs to the address of record', async () => {
    const table = /alias_db_lookup\("(\w+)"/.exec(template)?.[1]
    expect(table).toBe('dbaliases')
    expect(await columns(table!)).toEqual(
      expect.arrayContaining(['alias_username', 'alias_domain', 'username', 'domain']),
    )
    const target = (alias: string) =>
      db.all('SELECT username, domain FROM dbaliases WHERE alias_username = ?', [alias])
    const [owner] = await db.all<{ user_id: number }>(
      'SELECT user_id FROM app_lines WHERE internal_number = ?',
      ['201'],
    )
    const expected = [{ username: `u${owner!.user_id}`, domain: DOMAIN }]
    expect(await target('201')).toEqual(expected)
    expect(await target('+4520304050')).toEqual(expected)
    expect(await target('+4520304051')).toEqual([])
  })

  it("group: grp holds the lines allowed to call outside ('external')", async () => {
    expect(modparam('group', 'table')).toBeUndefined()
    expect(template).toContain('is_user_in("From", "external")')
    expect(await columns('grp')).toEqual(expect.arrayContaining(['username', 'domain', 'grp']))
    const members = await db.all<{ username: string }>(
      "SELECT username FROM grp WHERE grp = 'external' ORDER BY username",
    )
    const [full] = await db.all<{ user_id: number }>(
      'SELECT user_id FROM app_lines WHERE internal_number = ?',
      ['201'],
    )
    expect(members).toEqual([{ username: `u${full!.user_id}` }])
  })

  it('version: every table a module checks has the version that module expects', async () => {
    const rows = await db.all<{ table_name: string; table_version: number }>(
      'SELECT table_name, table_version FROM version',
    )
    const versions = Object.fromEntries(rows.map((r) => [r.table_name, r.table_version]))
    expect(versions).toMatchObject({ version: 1, ...MODULE_TABLE_VERSIONS })
  })
})
