import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  envWithoutPlatformSettings,
  killLeftovers,
  runCommand,
  startChildPlatform,
} from '../fixtures/child-platform'
import { ADMIN } from '../fixtures/platform'
import { freePort, stopAllSipp } from '../fixtures/sipp'
import {
  activateDevice,
  bindings,
  createUser,
  kamailioEnv,
  register,
  startSipTestBed,
  within,
  type Device,
  type SipTestBed,
} from './helpers'

/**
 * Issue 11 item 5 with real processes and a real Kamailio: a second platform
 * on a data folder in use must leave the first one's SIP server alone, and a
 * platform killed with SIGKILL must not keep the folder (or its Kamailio) forever.
 */

const KAMAILIO_STARTED = /Kamailio started \(pid (\d+)/
const ALREADY_RUNNING = /phone\.systems is already running with this data folder \(pid (\d+)\)/

/**
 * Whether `pid` runs (Linux /proc): a killed Kamailio whose parent died
 * first stays a zombie until its new parent reaps it, and kill(pid, 0)
 * cannot tell a zombie from a live process.
 */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

/** `npm run serve`'s settings on `dataDir`, with a Kamailio on these ports. */
function serveEnv(dataDir: string, ports: SipTestBed['ports']) {
  return { ...kamailioEnv(ports), PHONE_SYSTEMS_DATA_DIR: dataDir, PHONE_SYSTEMS_HTTP_PORT: '0' }
}

describe('a second platform process on a data folder in use', () => {
  let bed: SipTestBed
  let ada: Device

  beforeAll(async () => {
    bed = await startSipTestBed()
    const adaId = await createUser(bed, 'ada@example.test', {})
    ada = await activateDevice(bed, adaId, 'ada@example.test', 'ada-desktop')
  })

  afterAll(async () => {
    stopAllSipp()
    await bed?.dispose()
  })

  it('exits 1 naming the running one, and the first goes on registering clients', async () => {
    const kamailioPid = bed.platform.kamailio.supervisor!.pid!
    const otherPorts = { sip: await freePort(), ws: await freePort(), rpc: await freePort() }
    // The same ports (it would have killed the running Kamailio, then hit
    // EADDRINUSE) and other ports (the two used to kill each other's Kamailio in a loop).
    for (const ports of [bed.ports, otherPorts]) {
      const second = await runCommand(
        process.execPath,
        ['--import', 'tsx', 'electron/platform/cli.ts'],
        {
          env: {
            ...envWithoutPlatformSettings(),
            ...serveEnv(bed.platform.dataDir, ports),
            PHONE_SYSTEMS_ADMIN_EMAIL: ADMIN.email,
            PHONE_SYSTEMS_ADMIN_PASSWORD: ADMIN.password,
          },
          timeoutMs: 30_000,
        },
      )
      expect(second.code, second.stdout + second.stderr).toBe(1)
      expect(second.stderr).toMatch(ALREADY_RUNNING)
      expect(Number(ALREADY_RUNNING.exec(second.stderr)![1])).toBe(process.pid)
      expect(second.stderr).not.toMatch(/^\s+at /m) // a message, not a stack trace
    }

    expect(bed.platform.kamailio.supervisor!.pid).toBe(kamailioPid)
    expect(isAlive(kamailioPid)).toBe(true)
    const res = await register(bed, ada, { localPort: await freePort() })
    expect(res.final?.status, res.output).toBe(200)
    expect(await bindings(bed.rpc, ada.aor)).toHaveLength(1)
  }, 90_000)
})

describe('a platform killed with SIGKILL', () => {
  let dataDir: string

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-sigkill-'))
  })

  afterAll(async () => {
    await killLeftovers()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('can be started again on its folder; the new one replaces the Kamailio it left', async () => {
    const ports = { sip: await freePort(), ws: await freePort(), rpc: await freePort() }
    const env = { ...serveEnv(dataDir, ports), LOG_LEVEL: 'info' }
    const first = await startChildPlatform(dataDir, env, 40_000)
    const kamailioPid = async (server: { output(): string }) => {
      await within(20_000, async () => KAMAILIO_STARTED.test(server.output()))
      return Number(KAMAILIO_STARTED.exec(server.output())![1])
    }
    const leftBehind = await kamailioPid(first)

    // Only the platform's own process: its Kamailio is left behind, as after a crash.
    first.process.kill('SIGKILL')
    await first.exited
    expect(isAlive(leftBehind)).toBe(true)

    const started = performance.now()
    const again = await startChildPlatform(dataDir, env, 40_000)
    try {
      // The lock of a dead platform is taken over once it is stale (5 s), not never.
      expect(performance.now() - started).toBeLessThan(35_000)
      expect(again.output()).toMatch(/stopping a Kamailio left running by an earlier start/)
      const replacement = await kamailioPid(again)
      expect(replacement).not.toBe(leftBehind)
      expect(isAlive(leftBehind)).toBe(false)
      expect(isAlive(replacement)).toBe(true)
      expect((await fetch(`${again.url}/api/health`)).status).toBe(200)
    } finally {
      const stopped = await again.stop('SIGTERM', 15_000)
      expect(stopped.code, again.output()).toBe(0)
    }
  }, 120_000)
})
