import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSipBrowser, type SipBrowser } from '../fixtures/sip-harness'
import { freePort, stopAllSipp } from '../fixtures/sipp'
import {
  DOMAIN,
  activateDevice,
  addNumbers,
  bindings,
  busyAt,
  createUser,
  receivedInvite,
  startSipTestBed,
  within,
  type Device,
  type SipTestBed,
} from './helpers'
import { Phone } from './phone-page'

/**
 * The softphone's SIP layer (renderer/src/sip) in headless Chromium with a
 * fake microphone, against the real Kamailio the platform supervises.
 */
describe('softphone SIP layer in Chromium', () => {
  let bed: SipTestBed
  let browser: SipBrowser
  let ada: Phone
  let bob: Phone
  let cyd: Phone
  let cydLaptop: Phone
  let trunkPort: number
  const bobDid = '+4520304081'
  const FOREIGN = '+441234567890'

  async function phone(device: Device): Promise<Phone> {
    const page = await browser.newPhone()
    return new Phone(page, device, {
      wsUri: `ws://127.0.0.1:${bed.ports.ws}`,
      uri: `sip:${device.aor}@${DOMAIN}`,
      authorizationUser: device.authUser,
      password: device.password,
      displayName: device.name,
    })
  }

  beforeAll(async () => {
    trunkPort = await freePort()
    browser = await startSipBrowser()
    // The harness is served from its own origin, which Kamailio's WebSocket must allow.
    bed = await startSipTestBed({
      PHONE_SYSTEMS_TRUNK_URI: `sip:127.0.0.1:${trunkPort}`,
      PHONE_SYSTEMS_ALLOWED_ORIGINS: browser.origin,
    })
    await addNumbers(bed, ['+4520304080', bobDid, '+4520304082', '+4520304083'])
    const adaId = await createUser(bed, 'ada@example.test', {
      didNumber: '+4520304080',
      externalOutbound: true,
      callerIds: ['+4520304080', '+4520304083'],
      defaultCallerId: '+4520304080',
    })
    const bobId = await createUser(bed, 'bob@example.test', { didNumber: bobDid })
    const cydId = await createUser(bed, 'cyd@example.test', { didNumber: '+4520304082' })
    ada = await phone(await activateDevice(bed, adaId, 'ada@example.test', 'ada-desk'))
    bob = await phone(await activateDevice(bed, bobId, 'bob@example.test', 'bob-desk'))
    cyd = await phone(await activateDevice(bed, cydId, 'cyd@example.test', 'cyd-desk'))
    cydLaptop = await phone(await activateDevice(bed, cydId, 'cyd@example.test', 'cyd-laptop', 1))
    await Promise.all([ada, bob, cyd, cydLaptop].map((p) => p.register()))
  }, 60_000)

  afterAll(async () => {
    stopAllSipp()
    await browser?.close()
    await bed?.dispose()
  })

  it('calls by internal number: audio both ways, the caller hangs up, both see the end', async () => {
    await ada.connectTo(bob, bob.device.internalNumber)
    // The edge asserts the caller's internal number; From still carries the address of record.
    expect(await bob.remoteNumber()).toBe(ada.device.internalNumber)
    expect(await ada.waitForAudio()).toBeGreaterThan(0)
    expect(await bob.waitForAudio()).toBeGreaterThan(0)
    await ada.hangup()
    await ada.waitForCallState('ended')
    await bob.waitForCallState('ended')
    expect((await bob.callEnd())?.by).toBe('remote')
  })

  it('calls by DID: the callee hangs up, both see the end', async () => {
    await ada.connectTo(bob, bobDid)
    expect(await ada.waitForAudio()).toBeGreaterThan(0)
    expect(await bob.waitForAudio()).toBeGreaterThan(0)
    await bob.hangup()
    await bob.waitForCallState('ended')
    await ada.waitForCallState('ended')
    expect((await ada.callEnd())?.by).toBe('remote')
  })

  it('holds and resumes with audio both ways afterwards, and carries DTMF', async () => {
    await ada.connectTo(bob, bob.device.internalNumber)
    await ada.waitForAudio()
    await ada.hold()
    expect(await ada.callState()).toBe('held')
    await ada.resume()
    expect(await ada.callState()).toBe('active')
    const adaBytes = await ada.inboundAudioBytes()
    const bobBytes = await bob.inboundAudioBytes()
    expect(await ada.waitForAudio(undefined, adaBytes)).toBeGreaterThan(adaBytes)
    expect(await bob.waitForAudio(undefined, bobBytes)).toBeGreaterThan(bobBytes)

    await ada.mute(true)
    expect(await ada.micSilenced()).toBe(true)
    await ada.mute(false)
    expect(await ada.micSilenced()).toBe(false)

    await ada.sendDtmf('159#')
    await within(5_000, async () => (await bob.receivedDtmf()) === '159#')
    await ada.hangup()
    await bob.waitForCallState('ended')
  })

  it('transfers blind: Bob hands Ada over to Cyd', async () => {
    await ada.connectTo(bob, bob.device.internalNumber)
    await bob.transfer(cyd.device.internalNumber)
    // Cyd's two devices both ring; the desk answers.
    await cyd.waitForIncoming(1)
    await cyd.answer()
    await cyd.waitForCallState('active')
    await bob.waitForCallState('ended')
    const adaCalls = await ada.callCount()
    await ada.waitForCallState('active', adaCalls - 1)
    expect(await ada.remoteNumber(adaCalls - 1)).toBe(cyd.device.internalNumber)
    expect(await cyd.waitForAudio()).toBeGreaterThan(0)
    expect(await ada.waitForAudio(adaCalls - 1)).toBeGreaterThan(0)
    await cyd.hangup()
    await ada.waitForCallState('ended', adaCalls - 1)
    await cydLaptop.waitForCallState('ended')
  })

  it('takes a second call while in a call: the first goes on hold (call waiting)', async () => {
    await bob.connectTo(ada, ada.device.internalNumber)
    const first = (await ada.callCount()) - 1
    const ringing = (await ada.incomingCount()) + 1
    await cyd.call(ada.device.internalNumber)
    await ada.waitForIncoming(ringing)
    expect(await ada.callState()).toBe('ringing')
    expect(await ada.callState(first)).toBe('active')
    await ada.answerWaiting()
    await ada.waitForCallState('active')
    expect(await ada.callState(first)).toBe('held')
    expect(await ada.waitForAudio()).toBeGreaterThan(0)
    await ada.hangup()
    await ada.resume(first)
    expect(await ada.callState(first)).toBe('active')
    await ada.hangup(first)
    await bob.waitForCallState('ended')
    await cyd.waitForCallState('ended')
  })

  it('refuses external calls without the right, and presents the chosen caller ID with it', async () => {
    await bob.call(FOREIGN)
    await bob.waitForCallState('ended')
    expect(await bob.callEnd()).toMatchObject({
      statusCode: 403,
      reasonPhrase: 'External calls not allowed',
    })

    for (const [asked, presented] of [
      ['+4520304083', '+4520304083'],
      ['+4599999999', '+4520304080'],
    ]) {
      const trunk = await busyAt(trunkPort)
      await ada.call(FOREIGN, asked)
      await ada.waitForCallState('ended')
      expect(await ada.callEnd()).toMatchObject({ statusCode: 486 })
      const invite = receivedInvite(await trunk.done)
      expect(invite.header('From')).toMatch(new RegExp(`^<sip:\\${presented}@`))
      expect(invite.header('P-Asserted-Identity')).toBe(`<sip:${presented}@${DOMAIN}>`)
    }
  })

  it('drops a revoked device within 2 s and keeps the user’s other device working', async () => {
    const devices = await bed.admin.get(`/api/admin/users/${cydLaptop.device.userId}/devices`)
    const laptop = devices.body.items.find((d: { name: string }) => d.name === 'cyd-laptop')
    const revokedAt = Date.now()
    expect((await bed.admin.delete(`/api/admin/devices/${laptop.id}`)).status).toBe(200)
    // Kamailio forgets the binding and drops the connection; the softphone's
    // immediate reconnect is refused, so it knows at once.
    await within(2_000, async () => (await bindings(bed.rpc, cyd.device.aor)).length === 1)
    await within(2_000, async () => (await cydLaptop.state())?.kind === 'failed')
    const dropped = Date.now() - revokedAt
    expect(dropped).toBeLessThan(2_000)
    console.log(`revoked device dropped in ${dropped} ms`)
    // It cannot come back: a fresh start is refused as well.
    await cydLaptop.recover('test')
    expect((await cydLaptop.state())?.kind).toBe('failed')
    expect((await cyd.state())?.kind).toBe('registered')
    const before = await cyd.callCount()
    await ada.call(cyd.device.internalNumber)
    await within(5_000, async () => (await cyd.callCount()) > before)
    await ada.hangup()
  })

  it('registers afresh when told the network changed, staying Ready', async () => {
    const cseq = async () => {
      const res = await bed.rpc.call<{ Contacts?: { Contact: { CSeq: number } }[] }>(
        'ul.lookup',
        'location',
        ada.device.aor,
      )
      return Math.max(...(res.Contacts ?? []).map((c) => c.Contact.CSeq))
    }
    const before = await cseq()
    const states = await ada.states()
    await ada.recover('Network connection restored')
    // A new REGISTER on the live socket: the binding's CSeq moves on.
    await within(2_000, async () => (await cseq()) > before)
    expect(await ada.states()).toEqual(states)
    expect((await ada.state())?.kind).toBe('registered')
  })

  it('registers again on its own within 5 s after Kamailio is killed and restarted', async () => {
    const supervisor = bed.platform.kamailio.supervisor!
    const pid = supervisor.pid!
    process.kill(pid, 'SIGKILL')
    await within(5_000, async () => (await ada.state())?.kind === 'reconnecting')
    const killedAt = Date.now()
    await within(5_000, async () =>
      (await Promise.all([ada, bob].map((p) => p.state()))).every((s) => s?.kind === 'registered'),
    )
    const recovered = Date.now() - killedAt
    expect(recovered).toBeLessThan(5_000)
    console.log(`registered again ${recovered} ms after Kamailio was killed`)
    const states = await ada.states()
    expect(states.slice(-2)).toEqual(['reconnecting', 'registered'])
    // And calls work again.
    await ada.connectTo(bob, bob.device.internalNumber)
    await ada.hangup()
    await bob.waitForCallState('ended')
  })
})
