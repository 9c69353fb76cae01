import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SETTINGS } from '../../electron/platform/config'
import { ApiClient, httpsRequest } from '../fixtures/platform'
import { makeTestCertificates } from '../fixtures/tls'
import { parseActivationPageLink } from '@shared/activation-code'
import {
  PROJECT_ROOT,
  envWithoutPlatformSettings,
  killLeftovers,
  portIsFree,
  runCommand,
  spawnServer,
  startChildPlatform,
} from '../fixtures/child-platform'

const DEFAULT_PORT = 8780
/** `npm run serve` builds first unless out/ is there already; a build takes seconds. */
const BUILD_TIMEOUT_MS = 120_000

/** Every variable DESIGN.md §3 lists for `npm run serve -- --help`. */
const DESIGN_SETTINGS = [
  'PHONE_SYSTEMS_HTTP_HOST',
  'PHONE_SYSTEMS_HTTP_PORT',
  'PHONE_SYSTEMS_DATA_DIR',
  'PHONE_SYSTEMS_PUBLIC_URL',
  'PHONE_SYSTEMS_SMTP_URL',
  'PHONE_SYSTEMS_MAIL_FROM',
  'PHONE_SYSTEMS_ADMIN_EMAIL',
  'PHONE_SYSTEMS_ADMIN_PASSWORD',
  'PHONE_SYSTEMS_SIP_DOMAIN',
  'PHONE_SYSTEMS_SIP_WS_PORT',
  'PHONE_SYSTEMS_SIP_PORT',
  'PHONE_SYSTEMS_SIP_WS_URL',
  'PHONE_SYSTEMS_KAMAILIO',
  'PHONE_SYSTEMS_TRUNK_URI',
]

const STACK_FRAME = /^\s+at .+[(:]\d+/m

/** Newest modification time of the sources `out/main/serve.js` is built from. */
function newestSource(dir = path.join(PROJECT_ROOT, 'electron')): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full))
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs)
  }
  return newest
}

/** Acceptance: `npm run serve` as a user runs it, on a fresh machine without configuration. */
describe('npm run serve', () => {
  let home: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-serve-'))
    // No PHONE_SYSTEMS_* at all; HOME and XDG_DATA_HOME moved so the default data folder
    // ($XDG_DATA_HOME/phone.systems) is a temporary one. npm writes its logs under HOME.
    env = {
      ...envWithoutPlatformSettings(),
      HOME: home,
      XDG_DATA_HOME: home,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
    }
    delete env.LOG_LEVEL
    const built = path.join(PROJECT_ROOT, 'out', 'main', 'serve.js')
    if (existsSync(built)) {
      env.PHONE_SYSTEMS_SKIP_BUILD = '1'
      const newest = Math.max(newestSource(), newestSource(path.join(PROJECT_ROOT, 'shared')))
      if (statSync(built).mtimeMs < newest) {
        console.warn(
          `${built} is older than the sources: these tests run that build as it is; ` +
            '`npm run build` to test the current code.',
        )
      }
    }
  })

  afterAll(async () => {
    await killLeftovers()
    if (home) await rm(home, { recursive: true, force: true })
  })

  it(
    'starts on 127.0.0.1:8780 with data in the default folder and mail in the outbox',
    async () => {
      if (!(await portIsFree(DEFAULT_PORT))) {
        throw new Error(
          `Port ${DEFAULT_PORT} on 127.0.0.1 is already in use by another program. This test runs ` +
            '`npm run serve` without configuration, which must listen there: stop that program ' +
            `(e.g. find it with \`ss -ltnp 'sport = :${DEFAULT_PORT}'\`) and run the test again.`,
        )
      }
      const dataDir = path.join(home, 'phone.systems')
      const outbox = path.join(dataDir, 'outbox')
      const server = await spawnServer({
        command: 'npm',
        args: ['run', 'serve'],
        env,
        group: true,
        startTimeoutMs: BUILD_TIMEOUT_MS,
      })
      expect(server.url).toBe(`http://127.0.0.1:${DEFAULT_PORT}`)
      expect(server.output()).toContain(`data:          ${dataDir}`)
      expect(server.output()).toContain(`mail:          outbox ${outbox}`)

      const api = new ApiClient(server.url)
      const health = await api.get<{ status: string }>('/api/health')
      expect(health).toMatchObject({ status: 200, body: { status: 'ok' } })
      expect(existsSync(path.join(dataDir, 'phone-systems.sqlite'))).toBe(true)

      // No admin configured: the first one is created through setup, once.
      expect((await api.get('/api/admin/setup')).body).toEqual({ needed: true })
      const setup = await api.post<{ token: string }>('/api/admin/setup', {
        email: 'first.admin@example.test',
        password: 'a long enough password',
      })
      expect(setup.status).toBe(201)
      api.token = setup.body.token
      expect((await api.get('/api/admin/setup')).body).toEqual({ needed: false })

      const numbers = await api.post('/api/admin/numbers', { numbers: ['+4520304050'] })
      expect(numbers.status).toBe(201)
      const user = await api.post<{ id: number }>('/api/admin/users', {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.test',
      })
      expect(user.status).toBe(201)
      const line = await api.put(`/api/admin/users/${user.body.id}/app-line`, {
        didNumber: '+4520304050',
        callerIds: ['+4520304050'],
        defaultCallerId: '+4520304050',
      })
      expect(line.status).toBe(200)

      // Without PHONE_SYSTEMS_SMTP_URL the invitation is written to <data>/outbox/*.eml.
      const eml = await vi.waitFor(
        async () => {
          const files = (await readdir(outbox).catch(() => [])).filter((f) => f.endsWith('.eml'))
          expect(files).toHaveLength(1)
          return path.join(outbox, files[0]!)
        },
        { timeout: 15_000, interval: 100 },
      )
      const mail = await simpleParser(await readFile(eml))
      expect(mail.subject).toContain('phone.systems')
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toContain('ada@example.test')
      const code = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(mail.text ?? '')?.[1]
      expect(code).toBeDefined()
      // The invitation points at where the platform listens (the default public URL).
      const link = /https?:\/\/\S+\/activate#\S+/.exec(mail.text ?? '')?.[0] ?? ''
      expect(parseActivationPageLink(link)).toEqual({ server: server.url, code })
      await vi.waitFor(
        async () => {
          const after = await api.get<{ invitation: { status: string } }>(
            `/api/admin/users/${user.body.id}`,
          )
          expect(after.body.invitation.status).toBe('sent')
        },
        { timeout: 5_000 },
      )

      // npm → sh → node scripts/serve.mjs → node out/main/serve.js: SIGTERM to the group,
      // as a terminal or a supervisor stopping the service would send.
      const stopped = await server.stop('SIGTERM', 10_000)
      console.log(
        `npm run serve stopped in ${stopped.ms} ms (code ${stopped.code}, signal ${stopped.signal})`,
      )
      expect(stopped.forced, `still running 10 s after SIGTERM:\n${server.output()}`).toBe(false)
      expect(server.output()).toContain('SIGTERM: stopping')
      expect(server.output()).not.toContain('error while stopping')
      expect(await portIsFree(DEFAULT_PORT)).toBe(true)
    },
    BUILD_TIMEOUT_MS + 60_000,
  )

  it(
    '`npm run serve -- --help` lists the configuration of DESIGN.md §3',
    async () => {
      const result = await runCommand('npm', ['run', 'serve', '--', '--help'], {
        env,
        timeoutMs: BUILD_TIMEOUT_MS,
      })
      expect(result.code, result.stderr).toBe(0)
      for (const name of DESIGN_SETTINGS) expect(result.stdout).toContain(`  ${name} `)
      for (const { env: name } of Object.values(SETTINGS)) {
        expect(result.stdout).toContain(`  ${name} `)
      }
      expect(result.stdout).toContain('Usage: npm run serve')
    },
    BUILD_TIMEOUT_MS + 10_000,
  )

  it(
    'refuses a bad value, naming the variable, without a stack trace',
    async () => {
      const result = await runCommand('npm', ['run', 'serve'], {
        env: { ...env, PHONE_SYSTEMS_HTTP_PORT: 'abc' },
        timeoutMs: BUILD_TIMEOUT_MS,
      })
      const output = result.stdout + result.stderr
      expect(result.code).not.toBe(0)
      expect(result.code).not.toBeNull()
      expect(result.stderr).toMatch(/PHONE_SYSTEMS_HTTP_PORT: must be a port number/)
      expect(output).not.toMatch(STACK_FRAME)
      expect(output).not.toContain('listening on')
    },
    BUILD_TIMEOUT_MS + 10_000,
  )

  it('warns on standard error and in the log when the public URL is plain HTTP on another host', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-insecure-'))
    try {
      const server = await startChildPlatform(dataDir, {
        PHONE_SYSTEMS_PUBLIC_URL: 'http://pbx.example.com',
        LOG_FORMAT: 'json',
      })
      // Written right after the listening line.
      await vi.waitFor(() => expect(server.stderr()).toContain('*** WARNING'), { timeout: 5000 })
      expect(server.stderr()).toContain(
        '*** WARNING: PHONE_SYSTEMS_PUBLIC_URL is http://pbx.example.com: plain HTTP',
      )
      const logged = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .find((line) => line.msg.startsWith('PHONE_SYSTEMS_PUBLIC_URL is http://pbx.example.com'))
      expect(logged?.level).toBe(40) // pino's warn
      expect((await server.stop()).code).toBe(0)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('serves https:// with a certificate, and says nothing about the loopback default', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-https-'))
    try {
      const certs = await makeTestCertificates(dataDir)
      const plain = await startChildPlatform(path.join(dataDir, 'plain'))
      expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:/)
      expect((await plain.stop()).code).toBe(0)
      const secure = await startChildPlatform(path.join(dataDir, 'secure'), {
        PHONE_SYSTEMS_TLS_CERT: certs.certFile,
        PHONE_SYSTEMS_TLS_KEY: certs.keyFile,
      })
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:/)
      const health = await httpsRequest(`${secure.url}/api/health`, { ca: certs.ca })
      expect(health.status).toBe(200)
      expect((await secure.stop()).code).toBe(0)
      for (const server of [plain, secure]) expect(server.stderr()).not.toContain('WARNING')
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('stops cleanly on a SIGTERM sent the moment it says it listens', async () => {
    // A supervisor or a test acts on the listening line at once; the signal handlers must
    // already be there, or Node dies of the signal without closing the database.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-sigterm-'))
    try {
      for (let round = 0; round < 5; round++) {
        const server = await startChildPlatform(dataDir)
        const stopped = await server.stop('SIGTERM', 10_000)
        expect(stopped, server.output()).toMatchObject({ code: 0, signal: null, forced: false })
        expect(server.output()).toContain('SIGTERM: stopping')
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 60_000) // five cold starts of a child platform: ~25 s on a busy 2-core machine
})
