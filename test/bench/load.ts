import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { ApiClient, type ApiResponse } from '../fixtures/platform'
import { runClients, type GroupResult } from './load-clients'
import { WARMUP, interleave, timed } from './measure'
import { median, percentile } from './stats'
import type { BenchSuite } from './types'

/**
 * Issue 11: admins listing users while others create users. The platform runs
 * in its own process (as `npm run serve` does); 200 closed-loop list clients
 * and 20 closed-loop creators run from this one for a fixed time. Quiet
 * figures (one request at a time, interleaved) are measured first against the
 * same server and are the rows' baselines.
 */

const USERS = 10_000
const LIST_CLIENTS = 200
const CREATE_CLIENTS = 20
const LOAD_MS = Number(process.env.BENCH_LOAD_MS ?? 30_000)

/** The brief's targets: list p99, and creation median relative to the list median. */
const TARGET_LIST_P99_MS = 250
const TARGET_CREATE_VS_LIST = 2

const LIST = '/api/admin/users?page=1&pageSize=50'

const userBody = (n: number) => ({
  firstName: 'Load',
  lastName: `Creator ${n}`,
  department: 'Support',
  jobTitle: 'Support Agent',
  email: `load.user${n}@company.example`,
})

const ms = (n: number) => `${n.toFixed(1)} ms`
const p50p99 = (s: readonly number[]) => `p50 ${ms(median(s))} / p99 ${ms(percentile(s, 99))}`

function expectStatus(res: ApiResponse, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status}, expected ${status}`)
}

interface ServerProcess {
  url: string
  stop(): Promise<void>
}

/** Starts test/bench/load-server.ts with `users` seeded and waits for its address. */
async function startServer(users: number): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./load-server.ts', import.meta.url))
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, String(users)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode === null) {
      child.stdin!.end()
      await exited
    }
  }
  try {
    const lines = createInterface({ input: child.stdout! })
    const first = await Promise.race([
      once(lines, 'line').then(([line]) => String(line)),
      exited.then(() => {
        throw new Error('load server exited before listening')
      }),
    ])
    return { url: (JSON.parse(first) as { url: string }).url, stop }
  } catch (err) {
    child.kill()
    throw err
  }
}

export const listAndCreateUnderLoad: BenchSuite = {
  name: 'list + create under load',
  async run() {
    const server = await startServer(USERS)
    try {
      const admin = new ApiClient(server.url)
      await admin.signInAdmin()
      let created = 0

      const quiet = await interleave(
        {
          list: () => timed(async () => expectStatus(await admin.get(LIST), 200, `GET ${LIST}`)),
          create: () =>
            timed(async () =>
              expectStatus(
                await admin.post('/api/admin/users', userBody(created++)),
                201,
                'POST /api/admin/users',
              ),
            ),
        },
        { warmup: WARMUP, runs: { min: 20, max: 200, budgetMs: 5_000 }, label: 'quiet' },
      )

      const started = performance.now()
      const load = await runClients(
        server.url,
        admin.token!,
        {
          list: {
            clients: LIST_CLIENTS,
            request: () => ({ method: 'GET', path: LIST, expect: 200 }),
          },
          create: {
            clients: CREATE_CLIENTS,
            request: () => ({
              method: 'POST',
              path: '/api/admin/users',
              body: userBody(created++),
              expect: 201,
            }),
          },
        },
        LOAD_MS,
      )
      const seconds = (performance.now() - started) / 1000
      return summarise(quiet, load, seconds)
    } finally {
      await server.stop()
    }
  },
}

function summarise(
  quiet: Record<'list' | 'create', number[]>,
  load: Record<'list' | 'create', GroupResult>,
  seconds: number,
) {
  const list = load.list.latencies
  const create = load.create.latencies
  const failures = load.list.failures + load.create.failures
  const examples = [...load.list.failureExamples, ...load.create.failureExamples]
  const label = `${LIST_CLIENTS} list + ${CREATE_CLIENTS} create clients, ${(LOAD_MS / 1000).toFixed(0)} s, ${USERS / 1000}k users`
  const quietNote = 'the same request alone, one at a time, same server, before the load'
  return {
    rows: [
      {
        measurement: `under load: GET users page (${label})`,
        samples: list,
        targetMs: TARGET_LIST_P99_MS,
        targetPercentile: 99,
        baseline: { samples: quiet.list, note: quietNote },
      },
      {
        measurement: `under load: POST user (${label})`,
        samples: create,
        targetMs: TARGET_CREATE_VS_LIST * median(list),
        baseline: { samples: quiet.create, note: quietNote },
      },
    ],
    notes: [
      `under load: list ${p50p99(list)} (quiet ${p50p99(quiet.list)}), ` +
        `create ${p50p99(create)} (quiet ${p50p99(quiet.create)}); ` +
        `${(list.length / seconds).toFixed(0)} lists/s, ${(create.length / seconds).toFixed(0)} creations/s; ` +
        `${failures} failed requests` +
        (examples.length ? ` (${examples.join('; ')})` : ''),
      `under load: target list p99 <= ${TARGET_LIST_P99_MS} ms, create median <= ` +
        `${TARGET_CREATE_VS_LIST}x list median, 0 failures; DESIGN.md §8: create p99 ` +
        `${ms(percentile(create, 99))} vs 10x quiet median ${ms(10 * median(quiet.create))}`,
    ],
  }
}
