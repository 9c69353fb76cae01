import type { PowerMonitor } from 'electron'

/** The powerMonitor events main forwards to the renderer. */
export type PowerEvent = 'resume' | 'unlock-screen' | 'suspend' | 'lock-screen'

export const POWER_EVENTS: readonly PowerEvent[] = [
  'resume',
  'unlock-screen',
  'suspend',
  'lock-screen',
]

/** After these the network under the registration may have changed: re-register at once. */
export const RECOVERY_EVENTS: readonly PowerEvent[] = ['resume', 'unlock-screen']

/**
 * Subscribes `notify` to the OS's sleep and lock events. The renderer's own
 * signals (renderer/src/sip/recovery-triggers.ts) only notice a sleep from a
 * timer gap seconds later; these arrive as the OS reports them. Electron
 * documents `lock-screen`/`unlock-screen` for macOS and Windows only. Call after
 * `app` is ready: powerMonitor cannot be used before. Returns an unsubscribe.
 */
export function watchRecoveryEvents(
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>,
  notify: (reason: PowerEvent) => void,
): () => void {
  // PowerMonitor's overloads take one event name each; this view takes any of the four.
  const monitor = powerMonitor as unknown as {
    on(event: PowerEvent, listener: () => void): unknown
    removeListener(event: PowerEvent, listener: () => void): unknown
  }
  const listeners = POWER_EVENTS.map((event) => {
    const listener = () => notify(event)
    monitor.on(event, listener)
    return [event, listener] as const
  })
  return () => {
    for (const [event, listener] of listeners) monitor.removeListener(event, listener)
  }
}
