import { describe, expect, it } from 'vitest'
import { dialTarget, isDialLink } from '../../renderer/src/softphone/dial-target'
import { MESSAGES, readActivationInput } from '../../renderer/src/softphone/activation-input'

describe('dialTarget: what the dialer calls for what was typed, pasted or linked', () => {
  it.each([
    ['+45 20 30 40 50', '+4520304050'],
    ['(020) 3040-5060', '02030405060'],
    ['tel:+45-2030-4050', '+4520304050'],
    ['tel:+4520304050;phone-context=example.com', '+4520304050'],
    ['TEL:%2B4520304050', '+4520304050'],
    ['callto:101', '101'],
    ['sip:101@sip.example.test', '101'],
    ['sip:u42@SIP.example.test:5060;transport=ws', 'u42'],
    ['<sip:+4520304050@sip.example.test>', '+4520304050'],
    ['sip:alice@elsewhere.example', 'alice@elsewhere.example'],
    ['alice@elsewhere.example', 'alice@elsewhere.example'],
    ['  101  ', '101'],
    ['*21#', '*21#'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(dialTarget(input, 'sip.example.test')).toBe(expected)
  })

  it('tells links from numbers', () => {
    expect(isDialLink(' tel:+4520304050')).toBe(true)
    expect(isDialLink('sips:101@x')).toBe(true)
    expect(isDialLink('+4520304050')).toBe(false)
  })
})

describe('readActivationInput: the code field and the scanner', () => {
  it('accepts a code as copied, in any case and with stray spaces', () => {
    expect(readActivationInput('  k7qf-3m9x-pw2d ')).toEqual({
      ok: true,
      code: 'K7QF-3M9X-PW2D',
      server: null,
    })
  })

  it('accepts either whole link, takes the platform from it and sends only the code', () => {
    const desktop =
      'phonesystems://activate?server=https%3A%2F%2Fpbx.example.com%2F&code=K7QF-3M9X-PW2D'
    const page = 'https://pbx.example.com/activate#K7QF3M9XPW2D'
    for (const link of [desktop, page]) {
      expect(readActivationInput(link)).toEqual({
        ok: true,
        code: 'K7QF-3M9X-PW2D',
        server: 'https://pbx.example.com',
      })
    }
  })

  it('says what is wrong before asking the platform', () => {
    expect(readActivationInput('   ')).toEqual({ ok: false, message: MESSAGES.empty })
    expect(readActivationInput('K7QF-3M9X')).toEqual({ ok: false, message: MESSAGES.notACode })
    expect(readActivationInput('https://example.com/?code=K7QF-3M9X-PW2D')).toEqual({
      ok: false,
      message: MESSAGES.notALink,
    })
    expect(
      readActivationInput('phonesystems://activate?server=ftp%3A%2F%2Fx&code=K7QF-3M9X-PW2D'),
    ).toEqual({
      ok: false,
      message: MESSAGES.notALink,
    })
  })
})
