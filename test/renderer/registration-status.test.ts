import { createTestingPinia } from '@pinia/testing'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import RegistrationStatus from '../../renderer/src/softphone/components/RegistrationStatus.vue'
import { useSessionStore } from '../../renderer/src/softphone/stores/session'
import type { RegistrationState } from '../../renderer/src/sip'
import { usePhoneStore } from '../../renderer/src/stores/phone'

/** The header's registration line for one state, with the stores' actions stubbed. */
function shown(registration: RegistrationState) {
  const wrapper = mount(RegistrationStatus, {
    global: {
      plugins: [
        createTestingPinia({ createSpy: vi.fn, initialState: { phone: { registration } } }),
      ],
    },
  })
  return {
    wrapper,
    /** The word, then why, as the status line shows them. */
    status: wrapper
      .get('[role="status"]')
      .findAll('.label, .detail')
      .map((part) => part.text()),
    buttons: wrapper.findAll('button').map((b) => b.text()),
  }
}

describe('RegistrationStatus: what the header says about the line', () => {
  it.each<[RegistrationState, string[], string[]]>([
    [{ kind: 'registered' }, ['Ready'], []],
    [{ kind: 'connecting' }, ['Connecting…'], []],
    [{ kind: 'stopped' }, ['Offline'], []],
    [
      { kind: 'reconnecting', reason: 'Connection lost', attempt: 1 },
      ['Reconnecting…', 'Connection lost'],
      ['Retry now'],
    ],
    [
      { kind: 'reconnecting', reason: 'Request Timeout', attempt: 3 },
      ['Reconnecting…', 'Request Timeout (attempt 3)'],
      ['Retry now'],
    ],
    [{ kind: 'failed', reason: 'Revoked' }, ['Not connected', 'Revoked'], ['Activate again']],
  ])('%o reads %j', (registration, status, buttons) => {
    const view = shown(registration)
    expect(view.status).toEqual(status)
    expect(view.buttons).toEqual(buttons)
  })

  it('Retry now registers again', async () => {
    const { wrapper } = shown({ kind: 'reconnecting', reason: 'Connection lost', attempt: 2 })
    await wrapper.get('button').trigger('click')
    expect(usePhoneStore().reconnect).toHaveBeenCalledOnce()
  })

  it('Activate again signs the device out with the reason, for the Sign-in screen', async () => {
    const { wrapper } = shown({ kind: 'failed', reason: 'Revoked' })
    await wrapper.get('button').trigger('click')
    expect(useSessionStore().forget).toHaveBeenCalledWith('Revoked')
  })
})
