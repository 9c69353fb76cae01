import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { callOutcome, type CallOutcome, type EndedCall } from '../call-outcome'
import { readStored, writeStored } from '../storage'

/** One line of the call history, as stored. */
export interface CallRecord {
  id: string
  direction: EndedCall['direction']
  number: string
  displayName: string
  /** Epoch ms when it rang or was dialled. */
  startedAt: number
  /** Talk time in whole seconds; null when never answered. */
  durationS: number | null
  outcome: CallOutcome
  /** The SIP server's reason for a call that did not connect. */
  reason?: string
  /** Whether a missed call has been looked at (the badge counts the others). */
  seen: boolean
}

export interface FinishedCall extends EndedCall {
  id: number
  number: string
  displayName: string
  createdAt: number
}

const HISTORY_KEY = 'phone-systems.history'
/** Enough for weeks of calls without the storage growing without bound. */
const MAX_RECORDS = 200

function isRecordList(value: unknown): value is CallRecord[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as CallRecord).id === 'string' &&
        typeof (r as CallRecord).number === 'string' &&
        typeof (r as CallRecord).startedAt === 'number',
    )
  )
}

/** The device's call history, newest first, kept across restarts; cleared on `Sign out`. */
export const useHistoryStore = defineStore('history', () => {
  const records = ref<CallRecord[]>(readStored(HISTORY_KEY, isRecordList) ?? [])
  /** The call that ended last in this run, so the dialer can say why one did not connect. */
  const lastEnded = ref<CallRecord | null>(null)

  const missedCount = computed(
    () => records.value.filter((r) => r.outcome === 'missed' && !r.seen).length,
  )

  function save(next: CallRecord[]): void {
    records.value = next.slice(0, MAX_RECORDS)
    writeStored(HISTORY_KEY, records.value)
  }

  function record(call: FinishedCall, opts: { doNotDisturb?: boolean } = {}): void {
    const outcome = callOutcome(call, opts)
    const endedAt = Date.now()
    const entry: CallRecord = {
      id: `${call.createdAt}-${call.id}`,
      direction: call.direction,
      number: call.number,
      displayName: call.displayName,
      startedAt: call.createdAt,
      durationS: call.answeredAt === null ? null : Math.round((endedAt - call.answeredAt) / 1000),
      outcome,
      ...(outcome === 'failed' && call.end?.reasonPhrase ? { reason: call.end.reasonPhrase } : {}),
      seen: outcome !== 'missed',
    }
    lastEnded.value = entry
    save([entry, ...records.value])
  }

  /** The history was looked at: missed calls stop counting in the badge. */
  function markSeen(): void {
    if (records.value.some((r) => !r.seen)) save(records.value.map((r) => ({ ...r, seen: true })))
  }

  function clear(): void {
    lastEnded.value = null
    save([])
  }

  return { records, lastEnded, missedCount, record, markSeen, clear }
})
