import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { apiErrorSchema } from '@shared/schemas/errors'

/**
 * Acceptance: bad input on every endpoint gets the 4xx that names the field,
 * never a 5xx, and leaves every table of the database as it was.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
/** Whose bearer token the request carries, or a raw Authorization header. */
type Auth = 'admin' | 'device' | 'revoked' | 'none' | { header: string }
type Row = Record<string, unknown>
/** The field(s) the error must name; null for a 401 or a valid request. */
type Fields = string | string[] | null

interface Case {
  name: string
  method: Method
  /** `{ada}`, `{code}`… in url and raw are filled in once the state exists. */
  url: string
  raw?: string
  contentType?: string
  auth: Auth
  status: number
  /** Fields the error must name, each also in its message. */
  fields: string[]
  /** For the few odd inputs that are valid: what the 2xx answer holds. */
  match?: Row
}

function c(
  name: string,
  route: string,
  body: unknown,
  status: number,
  field: Fields,
  extra: Partial<Case> = {},
): Case {
  const [method, url] = route.split(' ') as [Method, string]
  const admin = /^\/api\/admin\/(?!session|setup)/.test(url)
  const auth: Auth = url.startsWith('/api/me') ? 'device' : admin ? 'admin' : 'none'
  const raw = body === undefined ? undefined : JSON.stringify(body)
  const fields = field === null ? [] : [field].flat()
  return { name, method, url, raw, auth, status, fields, ...extra }
}

const show = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v).slice(0, 40))
const omit = (o: Row, key: string): Row =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key))

/** `field` set to each of `values` (undefined: left out) in an otherwise valid `base` body. */
function vary(
  route: string,
  base: Row,
  key: string,
  values: unknown[],
  status = 400,
  named: Fields = key,
) {
  return values.map((v) => {
    const body = v === undefined ? omit(base, key) : { ...base, [key]: v }
    return c(`${key} ${show(v)}`, route, body, status, named)
  })
}

/** Each space-separated query string on `path`: a 400 naming its first parameter. */
const queries = (path: string, list: string) =>
  list
    .split(' ')
    .map((q) => c(q.slice(0, 40), `GET ${path}?${q}`, undefined, 400, q.split('=')[0]!))

const long = (n: number) => 'x'.repeat(n)
const N = ['+4520304050', '+4520304051', '+4520304052', '+4520304053', '+4520304054']
const SQL = ["'; DROP TABLE users; --", '" OR 1=1 --']
const NAMES = ['firstName', 'lastName', 'department', 'jobTitle']
const U: Row = { firstName: 'Alan', lastName: 'Turing', department: 'R&D', email: 'alan@x.test' }
const L: Row = { didNumber: N[3], internalNumber: '150', callerIds: [N[3]], defaultCallerId: N[3] }
const A: Row = { code: '{code}', deviceId: 'machine-id-new', deviceName: 'PC', platform: 'linux' }
const S: Row = { email: 'admin@example.test', password: 'x' }
const WRONG_TYPES = [42, true, { a: 1 }, ['x'], null]
const BAD_E164 = ['12345', '+1', 'abc', '+999999999999999999', '', SQL[0]]
const BAD_IDS = "abc -1 0 1.5 1e3 0x1 99999999999999999999 1'OR'1'='1 1;DROP %00".split(' ')
const BAD_CALLER_IDS = BAD_E164.map((n) => [N[3], n])
const BATCH = ['+4520304055', ...BAD_E164]
const BATCH_FIELDS = BAD_E164.map((_, i) => `numbers.${i + 1}`)

const SESSION = 'POST /api/admin/session'
const SETUP = 'POST /api/admin/setup'
const USERS = 'POST /api/admin/users'
const ADA = 'PATCH /api/admin/users/{ada}'
const LINE = 'PUT /api/admin/users/{charles}/app-line'
const ADD = 'POST /api/admin/numbers'
const REMOVE = 'DELETE /api/admin/numbers'
const ACTIVATE = 'POST /api/activations'
const ME = 'PATCH /api/me'

const BODY_PROBLEMS: [string, string | undefined, number, string?][] = [
  ['no body', undefined, 400],
  ['empty JSON body', '', 400],
  ['body not JSON', '{"firstName": ', 400],
  ['JSON array', '[]', 400],
  ['JSON string', '"ada"', 400],
  ['JSON null', 'null', 400],
  ['__proto__ key', '{"__proto__": {"isAdmin": true}}', 400],
  ['100 KiB body', JSON.stringify({ firstName: long(100 * 1024) }), 413],
  ['text/plain', '{}', 415, 'text/plain'],
  ['form-encoded', 'a=1', 415, 'application/x-www-form-urlencoded'],
]

/** Valid requests (so the token is the only thing wrong) to every authenticated endpoint. */
const AUTH_ROUTES: [string, unknown?][] = [
  ['DELETE /api/admin/session'],
  ['GET /api/admin/users'],
  [USERS, U],
  ['GET /api/admin/users/{ada}'],
  [ADA, { firstName: 'X' }],
  ['DELETE /api/admin/users/{ada}'],
  [LINE, L],
  ['GET /api/admin/internal-numbers/next'],
  ['POST /api/admin/users/{ada}/invitations'],
  ['GET /api/admin/users/{ada}/devices'],
  ['DELETE /api/admin/devices/{device}'],
  ['GET /api/admin/numbers'],
  [ADD, { numbers: ['+4520304059'] }],
  [REMOVE, { numbers: [N[4]] }],
  ['GET /api/admin/audit'],
  ['GET /api/me'],
  [ME, { firstName: 'X' }],
  ['DELETE /api/me'],
]

const cases: Case[] = [
  // The body itself: missing, not JSON, not an object, too big, wrong content type; extra keys.
  ...[SESSION, SETUP, USERS, ADA, LINE, ADD, REMOVE, ACTIVATE, ME].flatMap((r) => [
    ...BODY_PROBLEMS.map(([name, raw, status, contentType]) =>
      c(name, r, undefined, status, 'body', { raw, contentType }),
    ),
    c('unknown extra field', r, { unexpected: 1 }, 400, 'unexpected'),
  ]),

  // Missing or wrong bearer tokens on every authenticated endpoint.
  ...AUTH_ROUTES.flatMap(([r, body]) => [
    c('no token', r, body, 401, null, { auth: 'none' }),
    c('unknown token', r, body, 401, null, { auth: { header: 'Bearer not-a-real-token' } }),
    c('other kind of token', r, body, 401, null, { auth: r.includes('/me') ? 'admin' : 'device' }),
  ]),
  ...['Basic YWRtaW46eA==', `Bearer ${SQL[1]}`, 'Bearer'].map((header) =>
    c(header, 'GET /api/admin/users', undefined, 401, null, { auth: { header } }),
  ),
  ...['GET', 'PATCH', 'DELETE'].map((m) =>
    c('revoked device', `${m} /api/me`, undefined, 401, null, { auth: 'revoked' }),
  ),

  // Admin session and setup. Two wrong passwords stay under the sign-in rate limit.
  ...vary(SESSION, S, 'email', [undefined, 42, "admin@example.test' --"]),
  ...vary(SESSION, S, 'password', [undefined, ['x'], long(1025)]),
  ...vary(SESSION, S, 'password', ["' OR '1'='1"], 401),
  ...vary(SESSION, { ...S, email: 'nobody@example.test' }, 'password', ['x'], 401),
  ...vary(SETUP, { password: 'long enough password' }, 'email', ['eve@example.test'], 409),
  ...vary(SETUP, { password: 'long enough password' }, 'email', ['eve']),
  ...vary(SETUP, { email: 'eve@example.test' }, 'password', ['short']),

  // Create user: types, lengths, control characters, emails.
  ...[...NAMES, 'email'].flatMap((k) => vary(USERS, U, k, WRONG_TYPES)),
  ...NAMES.flatMap((k) => vary(USERS, U, k, [long(101), 'A\u0000', 'A\nB', 'A\u0085', 'a\u007fb'])),
  c('deeply nested name', USERS, undefined, 400, 'firstName', {
    raw: `{"firstName": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
  }),
  ...vary(USERS, U, 'email', [undefined, '', '   ', 'alan', 'alan@', 'alan@example']),
  ...vary(USERS, U, 'email', ['a b@x.test', 'a\u0000@x.test', '😀@x.test', `${SQL[0]}@x.test`]),
  ...vary(USERS, U, 'email', [`${long(250)}@x.test`]),
  ...vary(USERS, U, 'email', ['ADA@EXAMPLE.TEST', ' ada@example.test ', 'Grace@Example.Test'], 409),
  ...vary(USERS, U, 'id', [1]),
  ...vary(USERS, U, 'status', ['active']),

  // List users: paging, sorting, filters; SQL and LIKE wildcards in the search are just text.
  ...queries('/api/admin/users', 'page=0 page=-1 page=abc page=1.5 page=2000000 page=1&page=2'),
  ...queries('/api/admin/users', 'pageSize=0 pageSize=1000 sort=bogus sort=name;DROP order=up'),
  ...queries('/api/admin/users', `status=bogus q=${long(201)} q=a%00b foo=1 q[]=x`),
  ...queries('/api/admin/users', `department=${long(101)}`),
  ...[...SQL, '%_%'].map((q) =>
    c(`search ${q}`, `GET /api/admin/users?q=${encodeURIComponent(q)}`, undefined, 200, null, {
      match: { total: 0 },
    }),
  ),

  // One user: ids that are not ids, ids of nobody; edits that break a rule.
  ...BAD_IDS.flatMap((id) => [
    c(`id ${id}`, `GET /api/admin/users/${id}`, undefined, 400, 'id'),
    c(`id ${id}`, `PATCH /api/admin/users/${id}`, { firstName: 'X' }, 400, 'id'),
    c(`id ${id}`, `DELETE /api/admin/users/${id}`, undefined, 400, 'id'),
  ]),
  c('unknown id', 'GET /api/admin/users/999999', undefined, 404, 'id'),
  c('unknown id', 'PATCH /api/admin/users/999999', { firstName: 'X' }, 404, 'id'),
  c('unknown id', 'DELETE /api/admin/users/999999', undefined, 404, 'id'),
  ...vary(ADA, {}, 'email', ['GRACE@EXAMPLE.TEST'], 409),
  ...vary(ADA, {}, 'email', ['nope', null, 42]),
  ...NAMES.flatMap((k) => vary(ADA, {}, k, [42, `${SQL[0]}\u0000`, long(101)])),
  ...vary(ADA, {}, 'status', ['active']),

  // Application line: phone numbers, the inventory, who owns what, types.
  ...vary(LINE, L, 'didNumber', [...BAD_E164, 42, true, {}, [N[3]], '+4520304099']),
  ...vary(LINE, L, 'didNumber', [N[0]], 409),
  ...vary(LINE, L, 'callerIds', BAD_CALLER_IDS, 400, 'callerIds.1'),
  ...vary(LINE, L, 'callerIds', [[N[3], '+4520304099']], 400, 'callerIds.1'),
  ...vary(LINE, L, 'callerIds', [N[3], [N[3], '+45 20 30 40 53'], Array(51).fill(N[3])]),
  ...vary(LINE, L, 'defaultCallerId', [...BAD_E164, N[2], null]),
  ...vary(LINE, L, 'internalNumber', ['0123', '1', 'abcd', '1234567', ' ', SQL[0], 150]),
  ...vary(LINE, L, 'internalNumber', ['101'], 409),
  ...vary(LINE, L, 'externalOutbound', ['yes', 1]),
  ...vary(LINE, L, 'recording', [{ inboundInternal: 'no' }], 400, 'recording.inboundInternal'),
  ...vary(LINE, L, 'recording', [{ video: true }], 400, 'recording.video'),
  ...vary(LINE, L, 'recording', [[], 'all']),
  ...vary(LINE, L, 'sipPassword', ['secret']),
  c('unknown user', 'PUT /api/admin/users/999999/app-line', L, 404, 'id'),
  c('id abc', 'PUT /api/admin/users/abc/app-line', L, 400, 'id'),

  // Invitations and devices.
  c('user without a line', 'POST /api/admin/users/{charles}/invitations', undefined, 409, 'line'),
  c('unknown user', 'POST /api/admin/users/999999/invitations', undefined, 404, 'id'),
  c('id abc', 'POST /api/admin/users/abc/invitations', undefined, 400, 'id'),
  c('unknown user', 'GET /api/admin/users/999999/devices', undefined, 404, 'id'),
  c('id -1', 'GET /api/admin/users/-1/devices', undefined, 400, 'id'),
  c('unknown device', 'DELETE /api/admin/devices/999999', undefined, 404, 'id'),
  c('revoked device', 'DELETE /api/admin/devices/{revoked}', undefined, 409, 'id'),
  c('id 1e3', 'DELETE /api/admin/devices/1e3', undefined, 400, 'id'),

  // DID inventory. One bad entry spoils the batch: the good one before it is not added.
  ...queries(
    '/api/admin/numbers',
    `free=maybe q=${long(101)} q=%00 page=0 pageSize=0 pageSize=1001 pageSize=abc pageSize=1.5 sort=name order=up limit=5`,
  ),
  c('SQL in q', `GET /api/admin/numbers?q=${encodeURIComponent(SQL[0]!)}`, undefined, 200, null),
  ...[ADD, REMOVE].flatMap((r) => [
    ...vary(r, {}, 'numbers', [[], '+4520304055', Array(1001).fill('+4520304055')]),
    ...vary(r, {}, 'numbers', [[4520304055], ['+4520304055\u0000']], 400, 'numbers.0'),
    ...vary(r, {}, 'numbers', [BATCH], 400, BATCH_FIELDS),
  ]),
  ...vary(REMOVE, {}, 'numbers', [['+4520304099']], 404, 'numbers.0'),
  ...vary(REMOVE, {}, 'numbers', [[N[0]]], 409, 'numbers.0'),
  ...vary(REMOVE, {}, 'numbers', [[N[4], N[2]]], 409, 'numbers.1'),
  c('Arabic-Indic digits', ADD, { numbers: ['+٤٥٢٠٣٠٤٠٥٠'] }, 201, null, {
    match: { added: [], alreadyPresent: [N[0]] },
  }),

  // Audit log.
  ...queries('/api/admin/audit', 'limit=0 limit=501 limit=abc before=0 before=-5 foo=1'),
  ...queries('/api/admin/audit', `action=a%00 entityId=${long(65)}`),
  ...[`action=${encodeURIComponent(SQL[1]!)}`].map((q) =>
    c('SQL in action', `GET /api/admin/audit?${q}`, undefined, 200, null, { match: { items: [] } }),
  ),

  // Activation: the valid unused code goes with every one of these, and must survive them.
  // Four wrong codes stay under the activation rate limit.
  ...Object.keys(A).flatMap((k) => vary(ACTIVATE, A, k, [undefined, 42])),
  ...vary(ACTIVATE, A, 'code', ['', long(3000)]),
  ...vary(ACTIVATE, A, 'deviceId', ['abc', long(257)]),
  ...vary(ACTIVATE, A, 'deviceName', ['   ', long(101), 'PC\u0000']),
  ...vary(ACTIVATE, A, 'platform', ['linux\u0000', '']),
  ...vary(ACTIVATE, A, 'userId', [1]),
  ...vary(ACTIVATE, A, 'code', ['AAAA-BBBB-CCCC', '{usedCode}', SQL[0], 'phonesystems://x']),

  // The device's own profile: its email is not its to change.
  ...vary(ME, {}, 'email', ['x@example.test']),
  ...NAMES.flatMap((k) => vary(ME, {}, k, [['x'], '\u0000', long(101)])),

  // Health and routes that do not exist.
  c('SQL in query', `GET /api/health?x=${encodeURIComponent(SQL[1]!)}`, undefined, 200, null, {
    match: { status: 'ok' },
  }),
  c('POST health', 'POST /api/health', {}, 404, 'url'),
  c('unknown route', 'GET /api/admin/nope', undefined, 404, 'url'),
]

describe('bad input on every endpoint', () => {
  const CLOCK = Date.now()
  const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/
  const vars: Record<string, string> = {}
  const tokens = { admin: '', device: '', revoked: '' }
  let platform: TestPlatform
  let admin: ApiClient

  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m)

  /** Every row of every table, in a stable order. */
  async function snapshot(): Promise<Record<string, Row[]>> {
    const db = platform.ctx.db
    const tables = await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
    const out: Record<string, Row[]> = {}
    for (const { name } of tables) {
      const rows = await db.all<Row>(`SELECT * FROM "${name}"`)
      out[name] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    }
    return out
  }

  async function send(t: Case): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {}
    if (typeof t.auth === 'object') headers.authorization = t.auth.header
    else if (t.auth !== 'none') headers.authorization = `Bearer ${tokens[t.auth]}`
    if (t.raw !== undefined) headers['content-type'] = t.contentType ?? 'application/json'
    const body = t.raw === undefined ? undefined : fill(t.raw)
    const res = await fetch(platform.url + fill(t.url), { method: t.method, headers, body })
    const text = await res.text()
    try {
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined }
    } catch {
      return { status: res.status, body: text }
    }
  }

  /** The activation codes mailed to `email` so far, oldest first, read from the outbox. */
  async function nextCode(email: string, index: number): Promise<string> {
    const dir = path.join(platform.dataDir, 'outbox')
    return vi.waitFor(
      async () => {
        const files = existsSync(dir)
          ? (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort()
          : []
        const codes: string[] = []
        for (const file of files) {
          const mail = await simpleParser(await readFile(path.join(dir, file)))
          const code = CODE.exec(mail.text ?? '')?.[1]
          if (code && JSON.stringify(mail.to).includes(email)) codes.push(code)
        }
        expect(codes.length).toBeGreaterThan(index)
        return codes[index]!
      },
      { timeout: 10_000 },
    )
  }

  async function activate(code: string, deviceId: string): Promise<{ token: string; id: string }> {
    const device = new ApiClient(platform.url)
    const res = await device.post('/api/activations', { ...A, code, deviceId })
    expect(res.status).toBe(201)
    device.token = res.body.deviceToken as string
    return { token: device.token, id: String((await device.get('/api/me')).body.device.id) }
  }

  beforeAll(async () => {
    // A frozen clock: `last seen` of a device is written once, not again a minute later mid-test.
    platform = await startTestPlatform(
      { PHONE_SYSTEMS_SIP_DOMAIN: 'sip.example.test' },
      { now: () => CLOCK },
    )
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    tokens.admin = admin.token!
    expect((await admin.post('/api/admin/numbers', { numbers: N })).status).toBe(201)
    for (const [firstName, lastName] of [
      ['Ada', 'Lovelace'],
      ['Grace', 'Hopper'],
      ['Charles', 'Babbage'],
    ]) {
      const key = firstName!.toLowerCase()
      const res = await admin.post('/api/admin/users', {
        firstName,
        lastName,
        email: `${key}@example.test`,
      })
      expect(res.status).toBe(201)
      vars[key] = String(res.body.id)
    }
    const lines = [
      { callerIds: [N[0], N[2]], defaultCallerId: N[0], internalNumber: '101' },
      { internalNumber: '102' },
    ]
    for (const [i, user] of ['ada', 'grace'].entries()) {
      const res = await admin.put(`/api/admin/users/${vars[user]}/app-line`, {
        didNumber: N[i],
        ...lines[i],
      })
      expect(res.status).toBe(200)
    }
    vars.usedCode = await nextCode('ada@example.test', 0)
    const ada = await activate(vars.usedCode, 'machine-id-ada')
    const grace = await activate(await nextCode('grace@example.test', 0), 'machine-id-grace')
    Object.assign(tokens, { device: ada.token, revoked: grace.token })
    Object.assign(vars, { device: ada.id, revoked: grace.id })
    expect((await admin.delete(`/api/admin/devices/${grace.id}`)).status).toBe(200)
    expect((await admin.post(`/api/admin/users/${vars.grace}/invitations`)).status).toBe(201)
    vars.code = await nextCode('grace@example.test', 1)
    // Sent mail is recorded after the .eml is written: wait for that write too.
    const pending = "SELECT id FROM invitations WHERE status = 'pending'"
    await vi.waitFor(async () => expect(await platform.ctx.db.all(pending)).toEqual([]))
  })

  afterAll(async () => {
    await platform?.dispose()
  })

  it.each(cases)('$method $url: $name → $status', async (t) => {
    const before = await snapshot()
    const res = await send(t)
    expect.soft(res.status, JSON.stringify(res.body)).toBe(t.status)
    expect.soft(res.status).toBeLessThan(500)
    if (t.status >= 400) {
      const parsed = apiErrorSchema.safeParse(res.body)
      expect.soft(parsed.success, JSON.stringify(res.body)).toBe(true)
      const error = parsed.data
      expect.soft(error?.statusCode).toBe(res.status)
      expect.soft(error?.message).toMatch(/\w+.{8,}/)
      for (const field of t.fields) {
        expect.soft(error?.fields?.map((f) => f.field)).toContain(field)
        expect.soft(error?.message).toContain(field)
      }
    } else if (t.match) {
      expect.soft(res.body).toMatchObject(t.match)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('stores SQL metacharacters and unicode verbatim, changing only that user and the audit log', async () => {
    const odd = {
      firstName: SQL[0],
      lastName: SQL[1],
      department: '📞 Support 🚀',
      jobTitle: 'מהנדסת e\u0301 \u202eabc z',
    }
    const before = await snapshot()
    const res = await admin.patch(`/api/admin/users/${vars.charles}`, odd)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject(odd)
    expect((await admin.get(`/api/admin/users/${vars.charles}`)).body).toMatchObject(odd)
    const found = await admin.get(`/api/admin/users?q=${encodeURIComponent(SQL[0]!)}`)
    expect(found.body.items.map((u: { id: number }) => String(u.id))).toEqual([vars.charles])
    const after = await snapshot()
    const others = (s: Record<string, Row[]>) =>
      s.users!.filter((u) => String(u.id) !== vars.charles)
    expect(others(after)).toEqual(others(before))
    expect(after.users).toHaveLength(before.users!.length)
    expect(after.audit_log).toHaveLength(before.audit_log!.length + 1)
    expect(after.audit_log).toEqual(expect.arrayContaining(before.audit_log!))
    expect(omit(after, 'users')).toEqual(omit({ ...before, audit_log: after.audit_log }, 'users'))

    const profile = {
      firstName: 'Zoë',
      lastName: 'عبد الله',
      department: 'Ünïcødé 🧪',
      jobTitle: 'Nguye\u0302\u0303n',
    }
    const created = await admin.post('/api/admin/users', { ...profile, email: 'zoe@example.test' })
    expect(created.status).toBe(201)
    expect((await admin.get(`/api/admin/users/${created.body.id}`)).body).toMatchObject(profile)
    const me = new ApiClient(platform.url)
    me.token = tokens.device
    expect((await me.patch('/api/me', profile)).status).toBe(200)
    expect((await me.get('/api/me')).body.profile).toMatchObject(profile)
  })

  it('every bad activation left the unused code working', async () => {
    const device = new ApiClient(platform.url)
    const res = await device.post('/api/activations', { ...A, code: vars.code })
    expect(res.status).toBe(201)
  })
})
