import { describe, expect, it } from 'vitest'
import { blockDurationText, blockReasonText } from '../../renderer/src/admin/blocked-text'

describe('Blocked addresses: how blocks are worded', () => {
  it('names the reasons Kamailio records, and shows any other as recorded', () => {
    expect(blockReasonText('flood')).toBe('Too many requests')
    expect(blockReasonText('authentication failures')).toBe('Failed sign-ins')
    expect(blockReasonText('something new')).toBe('something new')
  })

  it('says how long a block lasts in minutes, or seconds when not whole minutes', () => {
    expect(blockDurationText(300)).toBe('5 minutes')
    expect(blockDurationText(60)).toBe('1 minute')
    expect(blockDurationText(90)).toBe('90 seconds')
    expect(blockDurationText(1)).toBe('1 second')
  })
})
