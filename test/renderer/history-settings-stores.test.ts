import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { CallEnd } from '../../renderer/src/sip'
import { useHistoryStore, type FinishedCall } from '../../renderer/src/softphone/stores/history'
import { useSettingsStore } from '../../renderer/src/softphone/stores/settings'

const HISTORY_KEY = 'phone-systems.history'
const SETTINGS_KEY = 'phone-systems.settings'

let nextId = 1
function finished(
  more: Partial<FinishedCall> & { end: CallEnd | null; direction: FinishedCall['direction'] },
): FinishedCall {
  return {
    id: nextId++,
    number: '103',
    displayName: 'Grace',
    createdAt: 1_000_000,
    answeredAt: null,
    ...more,
  }
}

const stored = (key: string): unknown => JSON.parse(localStorage.getItem(key) ?? 'null')

/** The stores as a fresh start of the app finds them. */
function restart(): void {
  setActivePinia(createPinia())
}

beforeEach(() => {
  localStorage.clear()
  restart()
})

afterEach(() => vi.useRealTimers())

describe('history store', () => {
  it('files an answered call with its talk time, newest first, and keeps it', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const history = useHistoryStore()
    vi.setSystemTime(1_065_400)
    history.record(
      finished({
        direction: 'outgoing',
        number: '102',
        answeredAt: 1_002_000,
        end: { by: 'local', cause: 'Terminated' },
      }),
    )
    history.record(finished({ direction: 'incoming', end: { by: 'remote', cause: 'Canceled' } }))
    expect(history.records.map((r) => [r.number, r.outcome])).toEqual([
      ['103', 'missed'],
      ['102', 'answered'],
    ])
    const answered = history.records[1]!
    expect(answered).toMatchObject({
      direction: 'outgoing',
      startedAt: 1_000_000,
      durationS: 63,
      seen: true,
    })
    expect(history.records[0]!.durationS).toBeNull()
    expect(history.lastEnded).toEqual(history.records[0])

    restart()
    expect(useHistoryStore().records).toEqual(history.records)
    expect(useHistoryStore().lastEnded).toBeNull()
  })

  it('counts missed calls until the history is looked at', () => {
    const history = useHistoryStore()
    history.record(finished({ direction: 'incoming', end: { by: 'remote', cause: 'Canceled' } }))
    history.record(finished({ direction: 'incoming', end: { by: 'system', cause: 'RTP Timeout' } }))
    history.record(finished({ direction: 'incoming', end: { by: 'local', cause: 'Rejected' } }))
    expect(history.missedCount).toBe(2)
    history.markSeen()
    expect(history.missedCount).toBe(0)
    restart()
    expect(useHistoryStore().missedCount).toBe(0)
  })

  it('a call turned away by do-not-disturb is missed, not declined', () => {
    const history = useHistoryStore()
    history.record(finished({ direction: 'incoming', end: { by: 'local', cause: 'Rejected' } }), {
      doNotDisturb: true,
    })
    expect(history.records[0]!.outcome).toBe('missed')
    expect(history.missedCount).toBe(1)
  })

  it('one answered on another device is neither missed nor counted', () => {
    const history = useHistoryStore()
    history.record(
      finished({
        direction: 'incoming',
        end: { by: 'remote', cause: 'Canceled', answeredElsewhere: true },
      }),
    )
    expect(history.records[0]).toMatchObject({ outcome: 'answered-elsewhere', seen: true })
    expect(history.missedCount).toBe(0)
  })

  it('keeps the SIP reason of a call that did not connect, and only of those', () => {
    const history = useHistoryStore()
    history.record(
      finished({
        direction: 'outgoing',
        end: {
          by: 'remote',
          cause: 'Unavailable',
          statusCode: 480,
          reasonPhrase: 'Temporarily Unavailable',
        },
      }),
    )
    history.record(
      finished({
        direction: 'outgoing',
        end: { by: 'remote', cause: 'Busy', statusCode: 486, reasonPhrase: 'Busy Here' },
      }),
    )
    expect(history.records[1]).toMatchObject({
      outcome: 'failed',
      reason: 'Temporarily Unavailable',
    })
    expect(history.records[0]!.outcome).toBe('busy')
    expect(history.records[0]).not.toHaveProperty('reason')
  })

  it('keeps the newest 200 calls', () => {
    const history = useHistoryStore()
    for (let i = 0; i < 205; i++)
      history.record(
        finished({
          direction: 'outgoing',
          number: String(1000 + i),
          end: { by: 'local', cause: 'Canceled' },
        }),
      )
    expect(history.records).toHaveLength(200)
    expect(history.records[0]!.number).toBe('1204')
    expect(history.records.at(-1)!.number).toBe('1005')
    expect(stored(HISTORY_KEY)).toHaveLength(200)
  })

  it('Sign out clears it, here and in storage', () => {
    const history = useHistoryStore()
    history.record(finished({ direction: 'incoming', end: { by: 'remote', cause: 'Canceled' } }))
    history.clear()
    expect(history.records).toEqual([])
    expect(history.lastEnded).toBeNull()
    expect(stored(HISTORY_KEY)).toEqual([])
  })

  it.each([
    ['unreadable JSON', '[{'],
    ['not a list', '{"id":"1"}'],
    ['entries of another shape', '[{"id":1,"number":"103","startedAt":0}]'],
  ])('a stored history of another shape (%s) starts empty', (_what, text) => {
    localStorage.setItem(HISTORY_KEY, text)
    expect(useHistoryStore().records).toEqual([])
  })
})

describe('settings store', () => {
  it('starts with the system devices, do-not-disturb off and the line’s caller ID', () => {
    expect(useSettingsStore().settings).toEqual({
      microphoneId: '',
      speakerId: '',
      ringerId: '',
      doNotDisturb: false,
      callerId: null,
    })
  })

  it('remembers a change across restarts', async () => {
    const { settings } = useSettingsStore()
    settings.microphoneId = 'mic-2'
    settings.doNotDisturb = true
    settings.callerId = '+4520304050'
    await nextTick()
    restart()
    expect(useSettingsStore().settings).toMatchObject({
      microphoneId: 'mic-2',
      doNotDisturb: true,
      callerId: '+4520304050',
    })
  })

  it('keeps what is usable from stored settings of another shape, defaults for the rest', () => {
    localStorage.setItem(
      SETTINGS_KEY,
      JSON.stringify({ microphoneId: 'mic-2', speakerId: 7, doNotDisturb: 'yes', volume: 3 }),
    )
    expect(useSettingsStore().settings).toEqual({
      microphoneId: 'mic-2',
      speakerId: '',
      ringerId: '',
      doNotDisturb: false,
      callerId: null,
    })
  })

  it.each([
    ['a list', '["mic-2"]'],
    ['unreadable JSON', '{'],
    ['null', 'null'],
  ])('stored settings that are %s read as defaults', (_what, text) => {
    localStorage.setItem(SETTINGS_KEY, text)
    expect(useSettingsStore().settings.microphoneId).toBe('')
  })

  it('Sign out resets to defaults, and the defaults are what is kept', async () => {
    const store = useSettingsStore()
    store.settings.ringerId = 'ringer-1'
    store.settings.doNotDisturb = true
    await nextTick()
    store.reset()
    await nextTick()
    expect(store.settings.ringerId).toBe('')
    expect(stored(SETTINGS_KEY)).toMatchObject({ ringerId: '', doNotDisturb: false })
    // The defaults are copied, not shared: a change after reset stays out of them.
    store.settings.speakerId = 'speaker-1'
    store.reset()
    expect(store.settings.speakerId).toBe('')
  })
})
