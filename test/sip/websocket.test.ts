import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, stopAllSipp } from '../fixtures/sipp'
import {
  activateDevice,
  addNumbers,
  bindings,
  call,
  createUser,
  startJsSipClient,
  startSipTestBed,
  stopAllJsSipClients,
  within,
  type Device,
  type JsSipClient,
  type SipTestBed,
} from './helpers'

/** The softphone's path: JsSIP over WebSocket, with its `*.invalid` Via and Contact hosts. */
describe('JsSIP over WebSocket', () => {
  let bed: SipTestBed
  let ada: Device
  let grace: Device
  let phone: JsSipClient

  beforeAll(async () => {
    bed = await startSipTestBed()
    await addNumbers(bed, ['+4520304050', '+4520304060'])
    const adaId = await createUser(bed, 'ada@example.test', { didNumber: '+4520304050' })
    const graceId = await createUser(bed, 'grace@example.test', { didNumber: '+4520304060' })
    ada = await activateDevice(bed, adaId, 'ada@example.test', 'ada-browser')
    grace = await activateDevice(bed, graceId, 'grace@example.test', 'grace-desk-phone')
  })

  afterAll(async () => {
    stopAllJsSipClients()
    stopAllSipp()
    await bed?.dispose()
  })

  it('registers with the credentials from activation', async () => {
    phone = startJsSipClient(bed, ada)
    await phone.waitFor('registered')
    const [binding] = await bindings(bed.rpc, ada.aor)
    expect(binding).toMatch(/\.invalid;transport=ws$/)
  })

  it('receives a colleague’s call to its internal number', async () => {
    const res = await call(bed, grace, ada.internalNumber, { localPort: await freePort() })
    expect(res.final, res.output).toEqual({ status: 486, reason: 'Busy Here' })
    const incoming = await phone.waitFor('incomingCall')
    expect(incoming.from).toBe(`sip:${grace.aor}@sip.example.test`)
  })

  it('is disconnected at once when its device is revoked, and cannot register again', async () => {
    const seen = phone.events.length
    const devices = await bed.admin.get(`/api/admin/users/${ada.userId}/devices`)
    const revokedAt = Date.now()
    expect((await bed.admin.delete(`/api/admin/devices/${devices.body.items[0].id}`)).status).toBe(
      200,
    )
    // The edge drops the TCP connection outright: an abnormal closure, at once.
    const closed = await phone.waitFor('disconnected', 2000, seen)
    expect(closed.code).toBe(1006)
    expect(Date.now() - revokedAt).toBeLessThan(2000)
    await within(2000, async () => (await bindings(bed.rpc, ada.aor)).length === 0)
    // JsSIP reconnects by itself and tries again: refused.
    const failed = await phone.waitFor('registrationFailed', 6000, seen)
    expect(failed).toMatchObject({ status: 403, reason: 'Forbidden' })
    await phone.stop()
  })
})
