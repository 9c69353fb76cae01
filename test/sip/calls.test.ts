import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, runSipp, sipp, stopAllSipp, waitUdpBound } from '../fixtures/sipp'
import {
  DOMAIN,
  activateDevice,
  addNumbers,
  busyAt,
  call,
  createUser,
  receivedInvite,
  register,
  startSipTestBed,
  type Device,
  type SipTestBed,
} from './helpers'

const FOREIGN = '+441234567890'

describe('calls through the Kamailio edge', () => {
  let bed: SipTestBed
  let trunkPort: number
  /** A line with external outbound calls and two caller IDs; two devices. */
  let ada: Device
  let adaLaptop: Device
  /** A line without external outbound calls. */
  let grace: Device
  const ports = { ada: 0, adaLaptop: 0, grace: 0 }

  beforeAll(async () => {
    trunkPort = await freePort()
    bed = await startSipTestBed({ PHONE_SYSTEMS_TRUNK_URI: `sip:127.0.0.1:${trunkPort}` })
    await addNumbers(bed, ['+4520304050', '+4520304051', '+4520304060'])
    const adaId = await createUser(bed, 'ada@example.test', {
      didNumber: '+4520304050',
      externalOutbound: true,
      callerIds: ['+4520304050', '+4520304051'],
      defaultCallerId: '+4520304050',
    })
    const graceId = await createUser(bed, 'grace@example.test', {
      didNumber: '+4520304060',
      externalOutbound: false,
    })
    ada = await activateDevice(bed, adaId, 'ada@example.test', 'ada-desktop')
    adaLaptop = await activateDevice(bed, adaId, 'ada@example.test', 'ada-laptop', 1)
    grace = await activateDevice(bed, graceId, 'grace@example.test', 'grace-desktop')
    for (const [name, device] of [
      ['ada', ada],
      ['adaLaptop', adaLaptop],
      ['grace', grace],
    ] as const) {
      ports[name] = await freePort()
      const res = await register(bed, device, { localPort: ports[name] })
      expect(res.final?.status, res.output).toBe(200)
    }
  })

  afterAll(async () => {
    stopAllSipp()
    await bed?.dispose()
  })

  it('refuses an external call from a line without external outbound calls', async () => {
    const res = await call(bed, grace, FOREIGN, { localPort: await freePort() })
    expect(res.final, res.output).toEqual({ status: 403, reason: 'External calls not allowed' })
  })

  it('sends an external call to the trunk with the requested caller ID', async () => {
    const trunk = await busyAt(trunkPort)
    const res = await call(bed, ada, FOREIGN, {
      localPort: await freePort(),
      callerId: '+4520304051',
    })
    expect(res.final, res.output).toEqual({ status: 486, reason: 'Busy Here' })
    const invite = receivedInvite(await trunk.done)
    expect(invite.startLine).toBe(`INVITE sip:${FOREIGN}@127.0.0.1:${trunkPort} SIP/2.0`)
    expect(invite.header('From')).toMatch(/^<sip:\+4520304051@sip\.example\.test>;tag=/)
    expect(invite.header('P-Asserted-Identity')).toBe(`<sip:+4520304051@${DOMAIN}>`)
    expect(invite.header('P-Preferred-Identity')).toBeUndefined()
    // The device's digest credentials stay between the device and the edge.
    expect(invite.header('Proxy-Authorization')).toBeUndefined()
    // The caller gets its own From back in the answer.
    const answer = res.messages.find((m) => m.startLine.startsWith('SIP/2.0 486'))
    expect(answer?.header('From')).toContain(`<sip:${ada.aor}@${DOMAIN}>`)
  })

  it('keeps the caller ID for the whole answered call: ACK and BYE go through the edge', async () => {
    const trunk = runSipp({ scenario: 'uas-answer.xml', localPort: trunkPort })
    await waitUdpBound(trunkPort)
    const res = await sipp({
      scenario: 'invite-answered.xml',
      remote: `127.0.0.1:${bed.ports.sip}`,
      localPort: await freePort(),
      auth: { username: ada.authUser, password: ada.password },
      vars: { aor: ada.aor, domain: DOMAIN, dial: FOREIGN, callerid: '+4520304051' },
    })
    expect(res.code, res.output).toBe(0)
    expect(res.final).toEqual({ status: 200, reason: 'OK' })
    const callee = await trunk.done
    expect(callee.code, callee.output).toBe(0)
    const bye = callee.messages.find(
      (m) => m.direction === 'received' && m.startLine.startsWith('BYE'),
    )
    expect(bye?.header('From')).toMatch(/^<sip:\+4520304051@sip\.example\.test>;tag=/)
    // Toward the caller, its own address all along.
    const answered = res.messages.find((m) => m.startLine === 'SIP/2.0 200 OK')
    expect(answered?.header('From')).toContain(`<sip:${ada.aor}@${DOMAIN}>`)
  })

  it('replaces a caller ID that is not on the line’s list with the line’s default', async () => {
    const trunk = await busyAt(trunkPort)
    // 00-prefixed international format is normalised to E.164 on the way.
    const res = await call(bed, ada, '00441234567890', {
      localPort: await freePort(),
      callerId: '+4599999999',
    })
    expect(res.final, res.output).toEqual({ status: 486, reason: 'Busy Here' })
    const invite = receivedInvite(await trunk.done)
    expect(invite.startLine).toBe(`INVITE sip:${FOREIGN}@127.0.0.1:${trunkPort} SIP/2.0`)
    expect(invite.header('From')).toMatch(/^<sip:\+4520304050@sip\.example\.test>;tag=/)
    expect(invite.header('P-Asserted-Identity')).toBe(`<sip:+4520304050@${DOMAIN}>`)
  })

  it('refuses a call from a device that claims another user’s address', async () => {
    const res = await sipp({
      scenario: 'invite.xml',
      remote: `127.0.0.1:${bed.ports.sip}`,
      localPort: await freePort(),
      auth: { username: grace.authUser, password: grace.password },
      vars: { aor: ada.aor, domain: DOMAIN, dial: FOREIGN, callerid: '+4520304051' },
    })
    expect(res.final, res.output).toEqual({ status: 403, reason: 'Not your address of record' })
  })

  it('rings every registered device of the user for a DID called from the trunk', async () => {
    const desktop = await busyAt(ports.ada)
    const laptop = await busyAt(ports.adaLaptop)
    // Carriers often send national numbers without "+".
    const res = await sipp({
      scenario: 'trunk-invite.xml',
      remote: `127.0.0.1:${bed.ports.sip}`,
      localPort: trunkPort,
      vars: { dial: '4520304050', domain: DOMAIN },
    })
    expect(res.final, res.output).toEqual({ status: 486, reason: 'Busy Here' })
    expect(receivedInvite(await desktop.done).startLine).toContain(`:${ports.ada};`)
    expect(receivedInvite(await laptop.done).startLine).toContain(`:${ports.adaLaptop};`)
  })

  it('lets the trunk reach DIDs only, not internal numbers', async () => {
    for (const dial of [ada.internalNumber, ada.aor, '+4520304099']) {
      const res = await sipp({
        scenario: 'trunk-invite.xml',
        remote: `127.0.0.1:${bed.ports.sip}`,
        localPort: trunkPort,
        vars: { dial, domain: DOMAIN },
      })
      expect(res.final, `${dial}\n${res.output}`).toEqual({ status: 404, reason: 'Not Found' })
    }
  })

  it('routes a colleague’s call to an internal number or a DID to the user', async () => {
    for (const dial of [grace.internalNumber, '+4520304060']) {
      const device = await busyAt(ports.grace)
      const res = await call(bed, ada, dial, { localPort: await freePort() })
      expect(res.final, `${dial}\n${res.output}`).toEqual({ status: 486, reason: 'Busy Here' })
      const invite = receivedInvite(await device.done)
      expect(invite.startLine).toContain(`sip:${grace.aor}@127.0.0.1:${ports.grace}`)
      // Internal calls keep the caller's own address.
      expect(invite.header('From')).toContain(`<sip:${ada.aor}@${DOMAIN}>`)
    }
  })
})
