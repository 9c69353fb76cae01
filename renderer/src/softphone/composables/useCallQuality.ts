import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { CallStats } from '../../sip/types'

export type Quality = 'good' | 'fair' | 'poor' | 'no-audio'

export const QUALITY_LABELS: Record<Quality, string> = {
  good: 'Good connection',
  fair: 'Fair connection',
  poor: 'Poor connection: the other side may break up',
  'no-audio': 'No audio arriving',
}

/**
 * A hint from two readings a few seconds apart: recent packet loss, jitter
 * and round trip, with thresholds where speech starts to suffer (ITU-T G.114
 * puts one-way delay above 150 ms as noticeable; a few percent loss is audible).
 */
export function judgeQuality(before: CallStats, after: CallStats): Quality {
  const received = after.packetsReceived - before.packetsReceived
  const lost = Math.max(0, after.packetsLost - before.packetsLost)
  if (received + lost === 0) return 'no-audio'
  const loss = lost / (received + lost)
  const rtt = after.roundTripMs ?? 0
  const jitter = after.jitterMs ?? 0
  if (loss > 0.05 || rtt > 400 || jitter > 50) return 'poor'
  if (loss > 0.01 || rtt > 250 || jitter > 30) return 'fair'
  return 'good'
}

const INTERVAL_MS = 2_000

/**
 * Reads the call's statistics every 2 s while `active` holds (never on hold,
 * where silence is expected) and turns them into a hint.
 */
export function useCallQuality(read: () => Promise<CallStats>, active: Ref<boolean>) {
  const quality = ref<Quality | null>(null)
  let timer: ReturnType<typeof setInterval> | undefined
  let last: CallStats | undefined

  async function sample(): Promise<void> {
    try {
      const now = await read()
      if (last) quality.value = judgeQuality(last, now)
      last = now
    } catch {
      // The call ended between two readings.
    }
  }

  function stopTimer(): void {
    if (timer) clearInterval(timer)
    timer = undefined
    last = undefined
  }

  watch(
    active,
    (on) => {
      stopTimer()
      quality.value = null
      if (!on) return
      void sample()
      timer = setInterval(() => void sample(), INTERVAL_MS)
    },
    { immediate: true },
  )
  onBeforeUnmount(stopTimer)

  return quality
}
