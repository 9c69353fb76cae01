import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { codeMailedTo, createUserWithLine } from '../fixtures/invite'
import {
  freePort,
  runSipp,
  sipp,
  waitUdpBound,
  type SipMessage,
  type SippResult,
} from '../fixtures/sipp'
import type { KamailioRpc } from '../../electron/platform/sip/kamailio-rpc'
import type { PlatformOptions } from '../../electron/platform/platform'

export const DOMAIN = 'sip.example.test'

/** The platform with a real Kamailio child on free ports, a real SMTP server, and an admin. */
export interface SipTestBed {
  platform: TestPlatform
  smtp: TestSmtpServer
  admin: ApiClient
  ports: { sip: number; ws: number; rpc: number }
  rpc: KamailioRpc
  /** A new client of the platform's HTTP API, not signed in (trusting the bed's CA, if any). */
  api(): ApiClient
  /** Stops the platform (and so Kamailio) but keeps its data folder until dispose(). */
  closePlatform(): Promise<void>
  dispose(): Promise<void>
}

/** The settings of a platform that runs its own Kamailio on these loopback ports. */
export function kamailioEnv(ports: SipTestBed['ports']): Record<string, string> {
  return {
    PHONE_SYSTEMS_KAMAILIO: 'kamailio',
    PHONE_SYSTEMS_SIP_DOMAIN: DOMAIN,
    PHONE_SYSTEMS_SIP_PORT: String(ports.sip),
    PHONE_SYSTEMS_SIP_WS_PORT: String(ports.ws),
    PHONE_SYSTEMS_SIP_RPC_PORT: String(ports.rpc),
    // The domain does not resolve: activation hands out the loopback WebSocket.
    PHONE_SYSTEMS_SIP_WS_URL: `ws://127.0.0.1:${ports.ws}`,
  }
}

/**
 * `bed.ca`: the CA that signed PHONE_SYSTEMS_TLS_CERT, when `env` sets one; the bed's
 * own HTTP clients (admin, activation) trust it.
 */
export async function startSipTestBed(
  env: Record<string, string> = {},
  opts: PlatformOptions = {},
  bed: { ca?: string } = {},
): Promise<SipTestBed> {
  const smtp = await startSmtpServer()
  const ports = { sip: await freePort(), ws: await freePort(), rpc: await freePort() }
  const platform = await startTestPlatform(
    { ...kamailioEnv(ports), PHONE_SYSTEMS_SMTP_URL: smtp.url, ...env },
    opts,
  )
  const supervisor = platform.kamailio.supervisor
  if (!supervisor?.isReady) {
    const output = supervisor?.recentOutput().join('\n') ?? 'no supervisor'
    await platform.dispose()
    await smtp.close()
    throw new Error(`Kamailio did not start:\n${output}`)
  }
  const api = () => new ApiClient(platform.url, bed.ca ? { ca: bed.ca } : {})
  const admin = api()
  await admin.signInAdmin()
  let closed = false
  return {
    platform,
    smtp,
    admin,
    ports,
    rpc: platform.kamailio.rpc!,
    api,
    async closePlatform() {
      closed = true
      await platform.close()
    },
    async dispose() {
      if (closed) await rm(platform.dataDir, { recursive: true, force: true })
      else await platform.dispose()
      await smtp.close()
    },
  }
}

export async function addNumbers(bed: SipTestBed, numbers: string[]): Promise<void> {
  const res = await bed.admin.post('/api/admin/numbers', { numbers })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
}

/** One activated device: what POST /api/activations handed out. */
export interface Device {
  userId: number
  /** The user's address-of-record user part, `u<id>`. */
  aor: string
  authUser: string
  password: string
  name: string
  internalNumber: string
  /** The SIP WebSocket URL activation handed out. */
  wsUri: string
}

/** Creates a user with a line; the invitation is mailed to the test SMTP server. */
export function createUser(
  bed: SipTestBed,
  email: string,
  line: Record<string, unknown>,
): Promise<number> {
  return createUserWithLine(bed.admin, email, line)
}

/**
 * Activates a device with the `nth` invitation mailed to `email` (0: the one
 * sent when the line was saved; further ones need a resend first).
 */
export async function activateDevice(
  bed: SipTestBed,
  userId: number,
  email: string,
  name: string,
  nth = 0,
): Promise<Device> {
  if (nth > 0) {
    const resent = await bed.admin.post(`/api/admin/users/${userId}/invitations`)
    expect(resent.status, JSON.stringify(resent.body)).toBe(201)
  }
  const code = await codeMailedTo(bed.smtp, email, nth)
  const res = await bed.api().post('/api/activations', {
    code,
    deviceId: `machine-${name}-0123456789`,
    deviceName: name,
    platform: 'linux',
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const aor = /^sip:([^@]+)@/.exec(res.body.sip.uri as string)![1]!
  return {
    userId,
    aor,
    authUser: res.body.sip.authorizationUser,
    password: res.body.sip.password,
    name,
    internalNumber: res.body.line.internalNumber,
    wsUri: res.body.sip.wsUri,
  }
}

/** A call from a device (proxy auth), asking for `callerId` with P-Preferred-Identity. */
export function call(
  bed: SipTestBed,
  device: Device,
  dial: string,
  opts: { localPort: number; callerId?: string },
): Promise<SippResult> {
  return sipp({
    scenario: 'invite.xml',
    remote: `127.0.0.1:${bed.ports.sip}`,
    localPort: opts.localPort,
    auth: { username: device.authUser, password: device.password },
    vars: { aor: device.aor, domain: DOMAIN, dial, callerid: opts.callerId ?? '+4500000000' },
  })
}

/** A digest REGISTER over UDP to the SIP port; the binding stays after sipp exits. */
export function register(
  bed: SipTestBed,
  device: Device,
  opts: { localPort: number; aor?: string; password?: string; username?: string },
): Promise<SippResult> {
  return sipp({
    scenario: 'register.xml',
    remote: `127.0.0.1:${bed.ports.sip}`,
    localPort: opts.localPort,
    auth: {
      username: opts.username ?? device.authUser,
      password: opts.password ?? device.password,
    },
    vars: { aor: opts.aor ?? device.aor, domain: DOMAIN, expires: '600' },
  })
}

interface UlContact {
  Contact: { Address: string; 'Call-ID': string }
}

/** The contact addresses registered for an AOR, from Kamailio's location table (RPC). */
export async function bindings(rpc: KamailioRpc, aor: string): Promise<string[]> {
  try {
    const res = await rpc.call<{ Contacts?: UlContact[] }>('ul.lookup', 'location', aor)
    return (res.Contacts ?? []).map((c) => c.Contact.Address)
  } catch (err) {
    if (/not found|no contacts/i.test(String(err))) return []
    throw err
  }
}

/** Linux: the processes of a process group that have not exited (zombies excluded). */
export function liveGroupMembers(pgid: number): number[] {
  const members: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry))
    } catch {
      // gone while we looked
    }
  }
  return members
}

/** Repeats `check` until it returns true or `timeoutMs` passes; returns how long it took. */
export async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now()
  for (;;) {
    if (await check()) return Date.now() - start
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export interface JsSipEvent {
  event: string
  [key: string]: unknown
}

/** A JsSIP user agent (the softphone's SIP stack) in a child Node process, over WebSocket. */
export interface JsSipClient {
  events: JsSipEvent[]
  /** Resolves with the first event (seen or coming) of that name after `from` events. */
  waitFor(event: string, timeoutMs?: number, from?: number): Promise<JsSipEvent>
  stop(): Promise<void>
}

const JSSIP_CLIENT = fileURLToPath(new URL('./jssip-client.mjs', import.meta.url))
const jssipClients = new Set<ChildProcess>()

/**
 * `wsUri` defaults to the bed's plain WebSocket port; `trustCaFile` is a PEM file of
 * CAs the child trusts besides the system's (NODE_EXTRA_CA_CERTS, which Node's
 * WebSocket honours), for a `wss://` URI signed by a test CA.
 */
export function startJsSipClient(
  bed: SipTestBed,
  device: Device,
  opts: { wsUri?: string; trustCaFile?: string } = {},
): JsSipClient {
  const env = { ...process.env }
  // Only the CA asked for: one inherited from the test's environment would blur
  // which client trusts what.
  delete env.NODE_EXTRA_CA_CERTS
  if (opts.trustCaFile) env.NODE_EXTRA_CA_CERTS = opts.trustCaFile
  const child = spawn(
    process.execPath,
    [
      '--experimental-websocket',
      '--no-warnings',
      JSSIP_CLIENT,
      opts.wsUri ?? `ws://127.0.0.1:${bed.ports.ws}`,
      `sip:${device.aor}@${DOMAIN}`,
      device.authUser,
      device.password,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], env },
  )
  jssipClients.add(child)
  const events: JsSipEvent[] = []
  const wake = new Set<() => void>()
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    events.push(JSON.parse(line) as JsSipEvent)
    for (const w of wake) w()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    events,
    waitFor(event, timeoutMs = 5000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find((e) => e.event === event)
          if (!found) return
          done()
          resolve(found)
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`no ${event} in ${timeoutMs} ms: ${JSON.stringify(events)} ${stderr}`))
        }, timeoutMs)
        const done = () => {
          clearTimeout(timer)
          wake.delete(check)
        }
        wake.add(check)
        check()
      })
    },
    async stop() {
      child.stdin?.end()
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000)
      await exited
      clearTimeout(timer)
      jssipClients.delete(child)
    },
  }
}

/** Kills every JsSIP client still running: for afterAll. */
export function stopAllJsSipClients(): void {
  for (const child of jssipClients) child.kill('SIGKILL')
  jssipClients.clear()
}

/** The INVITE a sipp UAS received; throws with sipp's output when there was none. */
export function receivedInvite(res: SippResult): SipMessage {
  const invite = res.messages.find(
    (m) => m.direction === 'received' && m.startLine.startsWith('INVITE '),
  )
  if (!invite) throw new Error(`no INVITE received:\n${res.output}`)
  return invite
}

/** A sipp UAS on `port` that answers one INVITE with 486 Busy Here: a trunk or a busy phone. */
export async function busyAt(port: number) {
  const run = runSipp({ scenario: 'uas-busy.xml', localPort: port })
  await waitUdpBound(port)
  return run
}
