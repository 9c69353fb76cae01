import { describe, expect, it } from 'vitest'
import { toE164 } from '@shared/phone-number'

describe('toE164', () => {
  it('accepts international form with spaces', () => {
    expect(toE164('+45 20 30 40 50')).toBe('+4520304050')
    expect(toE164('+4520304050')).toBe('+4520304050')
    expect(toE164('  +45 20 30 40 50  ')).toBe('+4520304050')
  })

  it('accepts the 00 international prefix', () => {
    expect(toE164('0045 20 30 40 50')).toBe('+4520304050')
    expect(toE164('004520304050')).toBe('+4520304050')
  })

  it('accepts North American punctuation', () => {
    expect(toE164('+1 (415) 555-0132')).toBe('+14155550132')
    expect(toE164('+1 650-253-0000')).toBe('+16502530000')
    expect(toE164('001 (650) 253 0000')).toBe('+16502530000')
  })

  it('accepts other countries', () => {
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958')
    expect(toE164('+49 30 901820')).toBe('+4930901820')
  })

  it('rejects national form without a country code', () => {
    expect(toE164('20 30 40 50')).toBeNull()
    expect(toE164('20304050')).toBeNull()
    expect(toE164('(415) 555-0132')).toBeNull()
    expect(toE164('020 7946 0958')).toBeNull()
  })

  it('rejects garbage', () => {
    expect(toE164('')).toBeNull()
    expect(toE164('+')).toBeNull()
    expect(toE164('00')).toBeNull()
    expect(toE164('abc')).toBeNull()
    expect(toE164('+45 abc def')).toBeNull()
    expect(toE164('+999 1234 5678')).toBeNull()
  })

  it('rejects numbers too long or too short for their country', () => {
    expect(toE164('+45 2030405060708090')).toBeNull()
    expect(toE164('+4520304050123')).toBeNull()
    expect(toE164('+45 203')).toBeNull()
    expect(toE164(`+45${'2'.repeat(40)}`)).toBeNull()
  })
})
