import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../fixtures/platform'
import { killLeftovers, startChildPlatform, type ChildServer } from '../fixtures/child-platform'

const WORKERS = 8
/** The kill comes once the burst has run this long and at least MIN_ACKS creates were acknowledged. */
const BURST_MS = 1_000
const MIN_ACKS = 40
const NUMBERS = Array.from({ length: 400 }, (_, i) => `+452030${String(i).padStart(4, '0')}`)

interface AckedUser {
  id: number
  email: string
  line?: { didNumber: string | null; internalNumber: string }
}

interface UserBody {
  id: number
  email: string
  line: { didNumber: string | null; internalNumber: string } | null
}

/** Runs a query on its own read-only connection to the file. */
function queryFile<T>(file: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err)
      db.all(sql, (e: Error | null, rows: T[]) => db.close(() => (e ? reject(e) : resolve(rows))))
    })
  })
}

/** Acceptance: `kill -9` of the platform during a burst of user creations. */
describe('crash recovery', () => {
  let dataDir: string | undefined

  afterAll(async () => {
    await killLeftovers()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('keeps every acknowledged create after kill -9 mid-burst, with an intact database', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-crash-'))
    const first: ChildServer = await startChildPlatform(dataDir)
    const admin = new ApiClient(first.url)
    await admin.signInAdmin()
    const added = await admin.post<{ added: string[] }>('/api/admin/numbers', { numbers: NUMBERS })
    expect(added.status, JSON.stringify(added.body).slice(0, 300)).toBe(201)
    expect(added.body.added).toHaveLength(NUMBERS.length)

    // The burst: each worker creates users one after the other and gives every second one
    // an app line (users, app_lines, caller IDs, subscriber, dbaliases, grp, invitations,
    // audit_log in one transaction), until the platform dies under it.
    const acked = new Map<number, AckedUser>()
    const freeNumbers = [...NUMBERS]
    const unexpected: string[] = []
    let killed = false
    let inFlight = 0
    let inFlightAtKill = 0
    let failedAfterKill = 0
    let requests = 0

    /** One request; undefined when the connection failed because of the kill. */
    async function call<T>(
      method: string,
      url: string,
      body: unknown,
    ): Promise<{ status: number; body: T } | undefined> {
      inFlight++
      requests++
      try {
        return await admin.request<T>(method, url, body)
      } catch (err) {
        if (killed) failedAfterKill++
        else unexpected.push(`${method} ${url}: ${String(err)}`)
        return undefined
      } finally {
        inFlight--
      }
    }

    async function worker(w: number): Promise<void> {
      for (let i = 0; !killed; i++) {
        const email = `crash-${w}-${i}@example.test`
        const created = await call<UserBody>('POST', '/api/admin/users', {
          firstName: `Worker${w}`,
          lastName: `User${i}`,
          department: 'Crash test',
          jobTitle: 'Load',
          email,
        })
        if (!created) return
        if (created.status !== 201) {
          unexpected.push(`POST ${email}: ${created.status} ${JSON.stringify(created.body)}`)
          return
        }
        const user: AckedUser = { id: created.body.id, email: created.body.email }
        acked.set(user.id, user)
        if (i % 2 === 1 || killed) continue
        const did = freeNumbers.shift() ?? null
        const line = await call<{ line: NonNullable<UserBody['line']> }>(
          'PUT',
          `/api/admin/users/${user.id}/app-line`,
          {
            didNumber: did,
            externalOutbound: true,
            callerIds: did ? [did] : [],
            defaultCallerId: did,
            recording: { inboundExternal: true, outboundExternal: true },
          },
        )
        if (!line) return
        if (line.status !== 200) {
          unexpected.push(`PUT line of ${user.id}: ${line.status} ${JSON.stringify(line.body)}`)
          return
        }
        user.line = {
          didNumber: line.body.line.didNumber,
          internalNumber: line.body.line.internalNumber,
        }
      }
    }

    const burstStart = Date.now()
    let killAt = 0
    // The kill comes from a timer, not from a response handler, so it does not line up
    // with the end of a request.
    const trigger = setInterval(() => {
      const elapsed = Date.now() - burstStart
      if ((elapsed >= BURST_MS && acked.size >= MIN_ACKS) || elapsed >= 15_000) {
        clearInterval(trigger)
        killed = true
        killAt = elapsed
        inFlightAtKill = inFlight
        first.process.kill('SIGKILL')
      }
    }, 7)
    const firstExit = first.exited
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
    clearInterval(trigger)
    const exit = await firstExit
    expect(unexpected).toEqual([])
    expect(exit.signal).toBe('SIGKILL')

    const ackedLines = [...acked.values()].filter((u) => u.line).length
    const restartStart = Date.now()
    const second = await startChildPlatform(dataDir)
    const restartMs = Date.now() - restartStart
    const after = new ApiClient(second.url)
    await after.signInAdmin()

    const missing: string[] = []
    const users = [...acked.values()]
    for (let i = 0; i < users.length; i += 16) {
      await Promise.all(
        users.slice(i, i + 16).map(async (user) => {
          const res = await after.get<UserBody>(`/api/admin/users/${user.id}`)
          if (res.status !== 200) missing.push(`user ${user.id}: ${res.status}`)
          else if (res.body.email !== user.email)
            missing.push(`user ${user.id}: email ${res.body.email}, acknowledged ${user.email}`)
          else if (user.line && res.body.line?.didNumber !== user.line.didNumber)
            missing.push(`user ${user.id}: line ${JSON.stringify(res.body.line)}`)
          else if (user.line && res.body.line?.internalNumber !== user.line.internalNumber)
            missing.push(`user ${user.id}: line ${JSON.stringify(res.body.line)}`)
        }),
      )
    }
    expect(missing).toEqual([])

    // The restarted platform writes as usual: no stale lock, no half transaction in the way.
    const fresh = await after.post<UserBody>('/api/admin/users', {
      email: 'after-crash@example.test',
    })
    expect(fresh.status).toBe(201)
    const stopped = await second.stop('SIGTERM')
    expect(stopped).toMatchObject({ code: 0, forced: false })

    const file = path.join(dataDir, 'phone-systems.sqlite')
    expect(await queryFile(file, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expect(await queryFile(file, 'PRAGMA foreign_key_check')).toEqual([])
    const counted = await queryFile<{ n: number }>(
      file,
      "SELECT COUNT(*) AS n FROM users WHERE email LIKE 'crash-%'",
    )
    const stored = counted[0]!.n

    console.log(
      `crash recovery: ${requests} requests in ${killAt} ms before kill -9; ` +
        `${acked.size} creates and ${ackedLines} app lines acknowledged; ` +
        `${inFlightAtKill} in flight at the kill, ${failedAfterKill} failed; ` +
        `${stored} users stored (${stored - acked.size} committed without an acknowledgement); ` +
        `restart to listening in ${restartMs} ms`,
    )
    expect(acked.size).toBeGreaterThan(20)
    // Mid-burst: requests were on the wire when the process died, and they failed.
    expect(inFlightAtKill).toBeGreaterThan(0)
    expect(failedAfterKill).toBeGreaterThan(0)
    expect(stored).toBeGreaterThanOrEqual(acked.size)
  }, 90_000)
})
