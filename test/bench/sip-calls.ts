/**
 * Call set-up through the real Kamailio edge, between two headless Chromium
 * pages with fake microphones: our SIP layer (renderer/src/sip) next to a
 * bare JsSIP page with default settings, interleaved call by call.
 */
import { startSipBrowser } from '../fixtures/sip-harness'
import {
  DOMAIN,
  activateDevice,
  addNumbers,
  createUser,
  startSipTestBed,
  type Device,
} from '../sip/helpers'
import { Phone } from '../sip/phone-page'
import { interleave, WARMUP } from './measure'
import type { BenchSuite } from './types'

const BARE_NOTE = 'a bare JsSIP page with default settings, same Kamailio, same browser'

export const sipCallSetup: BenchSuite = {
  name: 'SIP call set-up',
  async run() {
    const browser = await startSipBrowser()
    // The harness has its own origin, which Kamailio's WebSocket must allow.
    const bed = await startSipTestBed({ PHONE_SYSTEMS_ALLOWED_ORIGINS: browser.origin })
    try {
      await addNumbers(bed, ['+4520309001'])
      const phone = async (email: string, name: string): Promise<Phone> => {
        const userId = await createUser(bed, email, {})
        const device: Device = await activateDevice(bed, userId, email, name)
        return new Phone(await browser.newPhone(), device, {
          wsUri: `ws://127.0.0.1:${bed.ports.ws}`,
          uri: `sip:${device.aor}@${DOMAIN}`,
          authorizationUser: device.authUser,
          password: device.password,
          displayName: name,
        })
      }
      const caller = await phone('caller@example.test', 'caller')
      const callee = await phone('callee@example.test', 'callee')
      const bareCaller = await phone('bare.caller@example.test', 'bare-caller')
      const bareCallee = await phone('bare.callee@example.test', 'bare-callee')
      await caller.register()
      await callee.register({ autoAnswer: true })
      await bareCaller.bareRegister()
      await bareCallee.bareRegister()

      const ringing = { ours: [] as number[], bare: [] as number[] }
      const samples = await interleave(
        {
          ours: async (_round, record) => {
            const { confirmedMs, inviteSentAt } = await caller.timedCall(
              callee.device.internalNumber,
            )
            await callee.waitForCallState('ended')
            if (record) ringing.ours.push((await callee.timings()).incomingAt! - inviteSentAt)
            return confirmedMs
          },
          bare: async (_round, record) => {
            const { confirmedMs, inviteSentAt } = await bareCaller.bareTimedCall(
              bareCallee.device.internalNumber,
            )
            // Let the BYE land before the next call.
            await new Promise((resolve) => setTimeout(resolve, 50))
            if (record) ringing.bare.push((await bareCallee.timings()).incomingAt! - inviteSentAt)
            return confirmedMs
          },
        },
        { warmup: WARMUP, runs: { min: 20, max: 60, budgetMs: 25_000 }, label: 'SIP calls' },
      )
      return {
        rows: [
          {
            measurement: 'click Call → call confirmed',
            samples: samples.ours,
            targetMs: 50,
            baseline: { samples: samples.bare, note: BARE_NOTE },
          },
          {
            measurement: 'INVITE sent → incoming call event',
            samples: ringing.ours,
            targetMs: 50,
            baseline: { samples: ringing.bare, note: BARE_NOTE },
          },
        ],
        notes: [
          'SIP call set-up: caller and callee in separate pages of one Chromium (fake audio), ' +
            'registered over WebSocket to the supervised Kamailio on loopback; the callee answers ' +
            'at once. Ours sends the INVITE on the first host ICE candidate; the bare page waits ' +
            'for ICE gathering to complete.',
        ],
      }
    } finally {
      await browser.close()
      await bed.dispose()
    }
  },
}
