import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, stopAllSipp } from '../fixtures/sipp'
import {
  DOMAIN,
  activateDevice,
  addNumbers,
  bindings,
  call,
  createUser,
  liveGroupMembers,
  register,
  startSipTestBed,
  within,
  type Device,
  type SipTestBed,
} from './helpers'

/** POST to a loopback port and return the HTTP status (or the connection error). */
function postStatus(port: number, urlPath: string, body: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: 'POST', agent: false },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', (err) => resolve(String(err)))
    req.end(body)
  })
}

describe('Kamailio SIP edge run by the platform', () => {
  let bed: SipTestBed
  let ada: Device
  let adaLaptop: Device
  let grace: Device

  beforeAll(async () => {
    bed = await startSipTestBed()
    await addNumbers(bed, ['+4520304050', '+4520304060'])
    const adaId = await createUser(bed, 'ada@example.test', { didNumber: '+4520304050' })
    ada = await activateDevice(bed, adaId, 'ada@example.test', 'ada-desktop')
    adaLaptop = await activateDevice(bed, adaId, 'ada@example.test', 'ada-laptop', 1)
    const graceId = await createUser(bed, 'grace@example.test', {
      didNumber: '+4520304060',
      externalOutbound: true,
    })
    grace = await activateDevice(bed, graceId, 'grace@example.test', 'grace-desktop')
  })

  afterAll(async () => {
    stopAllSipp()
    await bed?.dispose()
  })

  it('renders its config from the platform settings and answers JSON-RPC on loopback only', async () => {
    const file = path.join(bed.platform.dataDir, 'kamailio', 'kamailio.cfg')
    const cfg = readFileSync(file, 'utf8')
    expect(cfg).not.toContain('{{')
    expect(cfg).toContain(`alias="${DOMAIN}"`)
    expect(cfg).toContain(`listen=udp:127.0.0.1:${bed.ports.sip}`)
    expect(cfg).toContain(`listen=tcp:127.0.0.1:${bed.ports.ws}`)
    expect(cfg).toContain(`listen=tcp:127.0.0.1:${bed.ports.rpc}`)
    expect(cfg).toContain(`sqlite:///${bed.platform.databaseFile}`)

    expect(await bed.rpc.call('core.version')).toMatch(/^kamailio 5\./)
    const rpcBody = JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 })
    // The same request on the public WebSocket port is not RPC.
    expect(await postStatus(bed.ports.ws, '/RPC', rpcBody)).toBe(404)
    // Without the key (test/sip/hardening.test.ts covers the rest of who is refused).
    expect(await postStatus(bed.ports.rpc, '/RPC', rpcBody)).toBe(403)
  })

  it('registers a device with its own credentials to its user’s address of record', async () => {
    const res = await register(bed, ada, { localPort: await freePort() })
    expect(res.final, res.output).toEqual({ status: 200, reason: 'OK' })
    expect(res.code).toBe(0)
    const challenge = res.messages.find((m) => m.startLine.startsWith('SIP/2.0 401'))
    expect(challenge?.header('WWW-Authenticate')).toContain(`realm="${DOMAIN}"`)
    expect(await bindings(bed.rpc, ada.aor)).toHaveLength(1)
  })

  it('gives a wrong password and an unknown device the same answer', async () => {
    const wrong = await register(bed, grace, { localPort: await freePort(), password: 'nope' })
    const unknown = await register(bed, grace, {
      localPort: await freePort(),
      username: 'd0000000000000000',
    })
    expect(wrong.final).toEqual({ status: 403, reason: 'Forbidden' })
    expect(unknown.final).toEqual(wrong.final)
    expect(await bindings(bed.rpc, grace.aor)).toEqual([])
  })

  it('refuses to register another user’s address of record', async () => {
    const port = await freePort()
    const res = await register(bed, grace, { localPort: port, aor: ada.aor })
    expect(res.final).toEqual({ status: 403, reason: 'Not your address of record' })
    expect((await bindings(bed.rpc, ada.aor)).some((a) => a.includes(`:${port};`))).toBe(false)
  })

  it('answers external calls with 503 when no trunk is configured', async () => {
    const res = await call(bed, grace, '+441234567890', { localPort: await freePort() })
    expect(res.final, res.output).toEqual({ status: 503, reason: 'No trunk configured' })
  })

  it('drops a revoked device’s registrations at once and keeps the other device’s', async () => {
    const desktopPort = await freePort()
    const laptopPort = await freePort()
    expect((await register(bed, ada, { localPort: desktopPort })).final?.status).toBe(200)
    expect((await register(bed, adaLaptop, { localPort: laptopPort })).final?.status).toBe(200)
    const before = await bindings(bed.rpc, ada.aor)
    expect(before.some((a) => a.includes(`:${desktopPort};`))).toBe(true)
    expect(before.some((a) => a.includes(`:${laptopPort};`))).toBe(true)

    const devices = await bed.admin.get(`/api/admin/users/${ada.userId}/devices`)
    const desktop = devices.body.items.find((d: { name: string }) => d.name === ada.name)
    const revoked = await bed.admin.delete(`/api/admin/devices/${desktop.id}`)
    expect(revoked.status).toBe(200)

    const ms = await within(2000, async () => {
      const now = await bindings(bed.rpc, ada.aor)
      return !now.some((a) => a.includes(`:${desktopPort};`))
    })
    expect(ms).toBeLessThan(2000)
    const after = await bindings(bed.rpc, ada.aor)
    expect(after.some((a) => a.includes(`:${laptopPort};`))).toBe(true)

    const again = await register(bed, ada, { localPort: desktopPort })
    expect(again.final).toEqual({ status: 403, reason: 'Forbidden' })
    expect((await register(bed, adaLaptop, { localPort: laptopPort })).final?.status).toBe(200)
  })

  it('drops the registrations of a deleted user', async () => {
    const hopperId = await createUser(bed, 'hopper@example.test', {})
    const hopper = await activateDevice(bed, hopperId, 'hopper@example.test', 'hopper-desktop')
    expect((await register(bed, hopper, { localPort: await freePort() })).final?.status).toBe(200)
    expect(await bindings(bed.rpc, hopper.aor)).toHaveLength(1)
    expect((await bed.admin.delete(`/api/admin/users/${hopperId}`)).status).toBeLessThan(300)
    await within(2000, async () => (await bindings(bed.rpc, hopper.aor)).length === 0)
  })

  it('restarts Kamailio within seconds when it is killed', async () => {
    const supervisor = bed.platform.kamailio.supervisor!
    const first = supervisor.pid!
    const killedAt = Date.now()
    process.kill(first, 'SIGKILL')
    await within(2000, async () => !supervisor.isReady)
    expect(await supervisor.waitReady(5000)).toBe(true)
    expect(Date.now() - killedAt).toBeLessThan(5000)
    expect(supervisor.pid).not.toBe(first)
    expect(supervisor.restarts).toBeGreaterThanOrEqual(1)
    // The dead main process's workers were killed too: the new one could bind the ports.
    expect(liveGroupMembers(first)).toEqual([])
    const res = await register(bed, adaLaptop, { localPort: await freePort() })
    expect(res.final?.status).toBe(200)
  })

  it('stops Kamailio and its workers with the platform', async () => {
    const pid = bed.platform.kamailio.supervisor!.pid!
    const pidFile = path.join(bed.platform.dataDir, 'kamailio', 'kamailio.pid')
    expect(existsSync(pidFile)).toBe(true)
    await bed.closePlatform()
    expect(liveGroupMembers(pid)).toEqual([])
    expect(existsSync(pidFile)).toBe(false)
    expect(await postStatus(bed.ports.rpc, '/RPC', '{}')).toMatch(/ECONNREFUSED/)
  })
})
