import { describe, expect, it } from 'vitest'
import { callOutcome } from '../../renderer/src/softphone/call-outcome'
import { formatDuration } from '../../renderer/src/softphone/format-duration'
import { judgeQuality } from '../../renderer/src/softphone/composables/useCallQuality'
import { classifyCameraError } from '../../renderer/src/softphone/composables/useQrScanner'

describe('callOutcome: how the history files a call', () => {
  const ended = (by: 'local' | 'remote' | 'system', more = {}) => ({ by, cause: 'x', ...more })

  it('an answered call is answered, whoever hung up', () => {
    expect(callOutcome({ direction: 'incoming', answeredAt: 1, end: ended('remote') })).toBe(
      'answered',
    )
    expect(callOutcome({ direction: 'outgoing', answeredAt: 1, end: ended('local') })).toBe(
      'answered',
    )
  })

  it('an incoming call: missed, declined, or answered on another device', () => {
    expect(callOutcome({ direction: 'incoming', answeredAt: null, end: ended('remote') })).toBe(
      'missed',
    )
    expect(callOutcome({ direction: 'incoming', answeredAt: null, end: ended('system') })).toBe(
      'missed',
    )
    expect(callOutcome({ direction: 'incoming', answeredAt: null, end: ended('local') })).toBe(
      'declined',
    )
    expect(
      callOutcome({
        direction: 'incoming',
        answeredAt: null,
        end: ended('remote', { answeredElsewhere: true }),
      }),
    ).toBe('answered-elsewhere')
    // Turned away by do-not-disturb: declined here, but the person did not see it.
    expect(
      callOutcome(
        { direction: 'incoming', answeredAt: null, end: ended('local') },
        { doNotDisturb: true },
      ),
    ).toBe('missed')
  })

  it('an outgoing call: cancelled, busy, declined or failed', () => {
    expect(callOutcome({ direction: 'outgoing', answeredAt: null, end: ended('local') })).toBe(
      'cancelled',
    )
    expect(
      callOutcome({
        direction: 'outgoing',
        answeredAt: null,
        end: ended('remote', { statusCode: 486 }),
      }),
    ).toBe('busy')
    expect(
      callOutcome({
        direction: 'outgoing',
        answeredAt: null,
        end: ended('remote', { statusCode: 603 }),
      }),
    ).toBe('declined')
    expect(
      callOutcome({
        direction: 'outgoing',
        answeredAt: null,
        end: ended('remote', { statusCode: 480 }),
      }),
    ).toBe('failed')
  })
})

describe('call screen helpers', () => {
  it('formats durations as a phone does', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(61.9)).toBe('1:01')
    expect(formatDuration(3600 + 5 * 60 + 7)).toBe('1:05:07')
  })

  it('judges quality from the change between two readings', () => {
    const at = (packetsReceived: number, packetsLost: number, more = {}) => ({
      packetsReceived,
      packetsLost,
      bytesReceived: 0,
      ...more,
    })
    expect(judgeQuality(at(100, 0), at(200, 0, { roundTripMs: 20, jitterMs: 3 }))).toBe('good')
    expect(judgeQuality(at(100, 0), at(198, 2))).toBe('fair')
    expect(judgeQuality(at(100, 0), at(190, 10))).toBe('poor')
    expect(judgeQuality(at(100, 0), at(200, 0, { roundTripMs: 500 }))).toBe('poor')
    expect(judgeQuality(at(100, 5), at(100, 5))).toBe('no-audio')
  })

  it('tells a refused camera from a missing one, as html5-qrcode reports them', () => {
    expect(classifyCameraError(new DOMException('Permission denied', 'NotAllowedError'))).toBe(
      'denied',
    )
    expect(classifyCameraError('NotAllowedError: Permission denied')).toBe('denied')
    expect(
      classifyCameraError(new DOMException('Requested device not found', 'NotFoundError')),
    ).toBe('no-camera')
    expect(classifyCameraError('Camera streaming not supported by the browser.')).toBe('no-camera')
    expect(classifyCameraError(new Error('something else'))).toBe('error')
  })
})
