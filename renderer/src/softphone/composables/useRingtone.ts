import { onBeforeUnmount } from 'vue'
import { routeToDevice } from '../audio-output'

/** ring: a call is waiting for an answer; waiting: another call arrives during a call. */
export type Tone = 'ring' | 'waiting'

interface Pattern {
  /** Frequencies mixed in each burst, Hz. */
  frequencies: number[]
  /** [start, length] of each burst within one period, seconds. */
  bursts: [number, number][]
  period: number
  volume: number
}

// The British double ring (400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off):
// recognisably a telephone, and distinct from the ringback callers hear.
// Call waiting is two soft beeps, quiet enough to talk over.
const PATTERNS: Record<Tone, Pattern> = {
  ring: {
    frequencies: [400, 450],
    bursts: [
      [0, 0.4],
      [0.6, 0.4],
    ],
    period: 3,
    volume: 0.25,
  },
  waiting: {
    frequencies: [440],
    bursts: [
      [0, 0.15],
      [0.3, 0.15],
    ],
    period: 4,
    volume: 0.08,
  },
}

const RAMP_S = 0.015

/**
 * The ringtone, synthesised with WebAudio (no audio file to ship), played
 * through an `<audio>` element so it can go to the chosen ringer device.
 */
export function useRingtone() {
  let context: AudioContext | undefined
  let output: MediaStreamAudioDestinationNode | undefined
  let element: HTMLAudioElement | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let playing: Tone | undefined
  // Each start gets its own bus, so bursts already scheduled stop with it.
  let bus: GainNode | undefined

  function schedulePeriod(pattern: Pattern, at: number, target: GainNode): void {
    const ctx = context!
    for (const [offset, length] of pattern.bursts) {
      const start = at + offset
      const gain = ctx.createGain()
      gain.gain.setValueAtTime(0, start)
      gain.gain.linearRampToValueAtTime(pattern.volume, start + RAMP_S)
      gain.gain.setValueAtTime(pattern.volume, start + length - RAMP_S)
      gain.gain.linearRampToValueAtTime(0, start + length)
      gain.connect(target)
      for (const frequency of pattern.frequencies) {
        const osc = ctx.createOscillator()
        osc.frequency.value = frequency
        osc.connect(gain)
        osc.start(start)
        osc.stop(start + length)
        osc.onended = () => gain.disconnect()
      }
    }
  }

  async function start(tone: Tone, deviceId: string): Promise<void> {
    if (playing === tone) return
    stop()
    playing = tone
    context ??= new AudioContext()
    output ??= context.createMediaStreamDestination()
    if (!element) {
      element = new Audio()
      element.srcObject = output.stream
    }
    await routeToDevice(element, deviceId)
    if (playing !== tone) return
    const pattern = PATTERNS[tone]
    await context.resume().catch(() => undefined)
    void element.play().catch(() => undefined)
    const target = context.createGain()
    target.connect(output)
    bus = target
    let next = context.currentTime + 0.05
    schedulePeriod(pattern, next, target)
    timer = setInterval(() => {
      next += pattern.period
      schedulePeriod(pattern, next, target)
    }, pattern.period * 1000)
  }

  function stop(): void {
    playing = undefined
    if (timer) clearInterval(timer)
    timer = undefined
    bus?.disconnect()
    bus = undefined
    element?.pause()
  }

  onBeforeUnmount(() => {
    stop()
    void context?.close()
    context = undefined
  })

  return { start, stop }
}
