import type { Transaction } from '../../electron/platform/db/connection'
import {
  ApiClient,
  startTestPlatform,
  type ApiResponse,
  type TestPlatform,
} from '../fixtures/platform'
import { WARMUP, addSamples, interleave, timed } from './measure'
import { MAIN_NUMBERS, seedUsers } from './seed'
import { median } from './stats'
import type { BenchSuite, SuiteResult } from './types'

/** DESIGN.md §8. */
const TARGET_CREATE_MS = 15
const TARGET_LIST_MS = 20

const USER_COUNT = 10_000
const RUNS = { min: 20, max: 200 } as const

function expectStatus(res: ApiResponse, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: HTTP ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`)
  }
}

/** Starts the real platform (mail to the outbox), runs `work`, always cleans up. */
async function withPlatform<T>(
  work: (p: TestPlatform, admin: ApiClient) => Promise<T>,
): Promise<T> {
  const platform = await startTestPlatform()
  try {
    const admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    return await work(platform, admin)
  } finally {
    await platform.dispose()
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`

/** Sleeps for at least `msToWait` milliseconds (timers resolve to 1 ms). */
const pause = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait))

// ---------------------------------------------------------------------------
// create user + line

/** DIDs of the measured lines and of the baseline's rows: distinct ranges. */
const subjectDid = (n: number) => `+45331${String(n).padStart(5, '0')}`
const baselineDid = (n: number) => `+45332${String(n).padStart(5, '0')}`

const FIRST = ['Ada', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances']
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson']

function userBody(n: number) {
  return {
    firstName: FIRST[n % FIRST.length]!,
    lastName: LAST[n % LAST.length]!,
    department: 'Support',
    jobTitle: 'Support Agent',
    email: `bench.user${n}@company.example`,
  }
}

function lineBody(did: string) {
  return {
    didNumber: did,
    externalOutbound: true,
    callerIds: [did, MAIN_NUMBERS[0]],
    defaultCallerId: did,
    recording: {
      inboundInternal: false,
      inboundExternal: true,
      outboundInternal: false,
      outboundExternal: true,
    },
  }
}

/**
 * The rows `POST /users` + `PUT /app-line` commit (user, line, 2 caller IDs,
 * 2 aliases, 1 group, 2 Kamailio caller IDs, 1 invitation, 3 audit entries)
 * with one plain INSERT each: the storage floor of the same work.
 */
async function insertSameRows(
  tx: Transaction,
  domain: string,
  n: number,
  now: number,
): Promise<void> {
  const user = userBody(n)
  const did = baselineDid(n)
  const sipUser = `b${n}`
  const audit = (action: string, type: string, id: number, after: unknown) =>
    tx.run(
      `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, after_json)
       VALUES (?, 'admin@example.test', ?, ?, ?, ?)`,
      [now, action, type, String(id), JSON.stringify(after)],
    )
  const { lastID: userId } = await tx.run(
    `INSERT INTO users (first_name, last_name, department, job_title, email, sip_user, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      user.firstName,
      user.lastName,
      user.department,
      user.jobTitle,
      `baseline.${user.email}`,
      sipUser,
      now,
      now,
    ],
  )
  await audit('user.create', 'user', userId, user)
  // The same next-free-number lookup the platform does (an index hit).
  const next = await tx.get<{ n: number }>(
    'SELECT coalesce(max(CAST(internal_number AS INTEGER)), 99) + 1 AS n FROM app_lines',
  )
  const internal = String(next!.n)
  await tx.run(
    `INSERT INTO app_lines (user_id, did_number, internal_number, external_outbound, default_caller_id,
       rec_inbound_internal, rec_inbound_external, rec_outbound_internal, rec_outbound_external,
       created_at, updated_at) VALUES (?, ?, ?, 1, ?, 0, 1, 0, 1, ?, ?)`,
    [userId, did, internal, did, now, now],
  )
  for (const [position, number] of [did, MAIN_NUMBERS[0]].entries()) {
    await tx.run('INSERT INTO app_line_caller_ids (user_id, number, position) VALUES (?, ?, ?)', [
      userId,
      number,
      position,
    ])
    await tx.run(
      'INSERT INTO sip_caller_ids (username, domain, caller_id, is_default) VALUES (?, ?, ?, ?)',
      [sipUser, domain, number, number === did ? 1 : 0],
    )
  }
  for (const alias of [internal, did]) {
    await tx.run(
      'INSERT INTO dbaliases (alias_username, alias_domain, username, domain) VALUES (?, ?, ?, ?)',
      [alias, domain, sipUser, domain],
    )
  }
  await tx.run("INSERT INTO grp (username, domain, grp) VALUES (?, ?, 'external')", [
    sipUser,
    domain,
  ])
  await audit('app_line.create', 'app_line', userId, lineBody(did))
  const { lastID: invitationId } = await tx.run(
    `INSERT INTO invitations (user_id, code_hash, status, created_at, expires_at)
     VALUES (?, ?, 'pending', ?, ?)`,
    [userId, `baseline-${n}`, now, now + 7 * 86_400_000],
  )
  await audit('invitation.create', 'invitation', invitationId, { userId })
}

/** Waits (untimed) until the dispatcher has written the user's invitation email and marked it sent. */
async function invitationSent(platform: TestPlatform, userId: number): Promise<void> {
  const deadline = performance.now() + 10_000
  for (;;) {
    const row = await platform.ctx.db.get<{ status: string; failure_reason: string | null }>(
      'SELECT status, failure_reason FROM invitations WHERE user_id = ? ORDER BY id DESC LIMIT 1',
      [userId],
    )
    if (row?.status === 'sent') return
    if (row?.status === 'failed') throw new Error(`invitation email failed: ${row.failure_reason}`)
    if (performance.now() > deadline) throw new Error(`invitation of user ${userId} not sent`)
    await pause(1)
  }
}

const CREATE_BASELINE =
  '2 round trips to GET /api/health + the same 13 rows by plain INSERTs in one transaction ' +
  "on the platform's writer connection (one synchronous=FULL commit)"

/** Times POST user + PUT app-line against `platform`, interleaved with its baseline. */
async function measureCreate(
  platform: TestPlatform,
  admin: ApiClient,
  label: string,
): Promise<SuiteResult> {
  const rounds = WARMUP + RUNS.max
  const inventory = [
    ...MAIN_NUMBERS,
    ...Array.from({ length: rounds }, (_, n) => subjectDid(n)),
    ...Array.from({ length: rounds }, (_, n) => baselineDid(n)),
  ]
  for (let i = 0; i < inventory.length; i += 1000) {
    const res = await admin.post('/api/admin/numbers', { numbers: inventory.slice(i, i + 1000) })
    expectStatus(res, 201, 'POST /api/admin/numbers')
  }

  const postMs: number[] = []
  const putMs: number[] = []
  const emailMs: number[] = []
  const samples = await interleave(
    {
      create: async (n, timedRound) => {
        const start = performance.now()
        const created = await admin.post<{ id: number }>('/api/admin/users', userBody(n))
        const posted = performance.now()
        expectStatus(created, 201, 'POST /api/admin/users')
        const line = await admin.put(
          `/api/admin/users/${created.body.id}/app-line`,
          lineBody(subjectDid(n)),
        )
        const end = performance.now()
        expectStatus(line, 200, 'PUT /api/admin/users/:id/app-line')
        // The email goes out after the response; let it finish outside the
        // timing so its work does not land in the next measurement.
        const sent = await timed(() => invitationSent(platform, created.body.id))
        if (timedRound) {
          postMs.push(posted - start)
          putMs.push(end - posted)
          emailMs.push(sent)
        }
        return end - start
      },
      http: () =>
        timed(async () => {
          expectStatus(await admin.get('/api/health'), 200, 'GET /api/health')
          expectStatus(await admin.get('/api/health'), 200, 'GET /api/health')
        }),
      sql: (n) => {
        const now = platform.ctx.now()
        const domain = platform.ctx.config.sipDomain
        return timed(() => platform.ctx.db.transaction((tx) => insertSameRows(tx, domain, n, now)))
      },
    },
    { warmup: WARMUP, runs: { ...RUNS, budgetMs: 10_000 }, label },
  )
  return {
    rows: [
      {
        measurement: label,
        samples: samples.create,
        targetMs: TARGET_CREATE_MS,
        baseline: { samples: addSamples(samples.http, samples.sql), note: CREATE_BASELINE },
      },
    ],
    notes: [
      `${label}: POST ${ms(median(postMs))} + PUT ${ms(median(putMs))}; baseline ` +
        `2x /api/health ${ms(median(samples.http))} + SQL ${ms(median(samples.sql))}; ` +
        `invitation marked sent ${ms(median(emailMs))} after the PUT response (not timed)`,
    ],
  }
}

export const createUserAndLine: BenchSuite = {
  name: 'create user + line',
  async run() {
    const empty = await withPlatform((platform, admin) =>
      measureCreate(platform, admin, 'create user + line, empty database'),
    )
    const full = await withPlatform(async (platform, admin) => {
      await seedUsers(platform.ctx.db, USER_COUNT, platform.ctx.now())
      return measureCreate(platform, admin, 'create user + line, 10k users')
    })
    return {
      rows: [...empty.rows, ...full.rows],
      notes: [...(empty.notes ?? []), ...(full.notes ?? [])],
    }
  },
}

// ---------------------------------------------------------------------------
// list users, 10,000 in the database

const LIST = '/api/admin/users?page=1&pageSize=50'

/** What admins do on the Users page; `q` is part of a common surname, as typed. */
const LIST_QUERIES = [
  { label: 'list users, 10k: page 1 (default sort)', url: LIST },
  { label: 'list users, 10k: q=ander', url: `${LIST}&q=ander` },
  { label: 'list users, 10k: status=invited', url: `${LIST}&status=invited` },
  { label: 'list users, 10k: sort=lastSeenAt desc', url: `${LIST}&sort=lastSeenAt&order=desc` },
] as const

/** The least SQL that returns one page in the same order, through the index the platform has. */
const MINIMAL_PAGE_SQL =
  'SELECT * FROM users ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE LIMIT 50'

export const listUsers10k: BenchSuite = {
  name: 'list users, 10k',
  run: () =>
    withPlatform(async (platform, admin) => {
      const seedStart = performance.now()
      const s = await seedUsers(platform.ctx.db, USER_COUNT, platform.ctx.now())
      const seedMs = performance.now() - seedStart
      const authorization = `Bearer ${admin.token ?? ''}`

      // Each query once, checked, before anything is timed.
      const totals: string[] = []
      for (const q of LIST_QUERIES) {
        const res = await admin.get<{ items: unknown[]; total: number }>(q.url)
        expectStatus(res, 200, `GET ${q.url}`)
        if (res.body.items.length === 0) throw new Error(`GET ${q.url}: no users listed`)
        totals.push(`${q.url.slice(LIST.length + 1) || 'default'} ${res.body.total}`)
      }

      const tasks: Record<string, (n: number) => Promise<number>> = {
        health: () =>
          timed(async () => expectStatus(await admin.get('/api/health'), 200, 'GET /api/health')),
        sql: () =>
          timed(async () => {
            const rows = await platform.ctx.db.all(MINIMAL_PAGE_SQL)
            if (rows.length !== 50) throw new Error('minimal page query returned no page')
          }),
      }
      LIST_QUERIES.forEach((q, i) => {
        tasks[`http${i}`] = () =>
          timed(async () => expectStatus(await admin.get(q.url), 200, `GET ${q.url}`))
        tasks[`inject${i}`] = () =>
          timed(async () => {
            const res = await platform.app.inject({
              method: 'GET',
              url: q.url,
              headers: { authorization },
            })
            if (res.statusCode !== 200) throw new Error(`inject GET ${q.url}: ${res.statusCode}`)
          })
      })
      const samples = await interleave(tasks, {
        warmup: WARMUP,
        runs: { ...RUNS, budgetMs: 25_000 },
        label: 'list users, 10k',
      })
      const baseline = {
        samples: addSamples(samples.health!, samples.sql!),
        note: `1 round trip to GET /api/health + "${MINIMAL_PAGE_SQL}" on the platform's reader connection`,
      }
      return {
        rows: LIST_QUERIES.map((q, i) => ({
          measurement: q.label,
          samples: samples[`http${i}`]!,
          serverSamples: samples[`inject${i}`]!,
          targetMs: TARGET_LIST_MS,
          baseline,
        })),
        notes: [
          `list users, 10k: seeded in ${(seedMs / 1000).toFixed(1)} s by SQL: ${s.users} users with ` +
            `lines, ${s.withDid} with a DID, ${s.withInvitation} invited, ${s.withActiveDevice} ` +
            `with an active device (${s.devices} devices); matches: ${totals.join(', ')}`,
          `list users, 10k: baseline /api/health ${ms(median(samples.health!))} + ` +
            `SQL ${ms(median(samples.sql!))}`,
        ],
      }
    }),
}
