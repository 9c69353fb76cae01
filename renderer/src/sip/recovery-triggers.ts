import type { RecoveryTriggers } from './types'

/**
 * Browser signals that the network under the registration may have
 * changed: `online`, the page becoming visible again, and a timer that
 * notices a jump in wall-clock time (the machine slept). The desktop app
 * adds powerMonitor's `resume` and `unlock-screen` through the bridge
 * (see mergeTriggers).
 */
export function browserRecoveryTriggers(checkEveryMs = 5_000): RecoveryTriggers {
  return {
    subscribe(recover) {
      const onOnline = () => recover('Network connection restored')
      const onVisible = () => {
        if (document.visibilityState === 'visible') recover('Window visible again')
      }
      let last = Date.now()
      const timer = setInterval(() => {
        const now = Date.now()
        // Timers do not run while suspended: a long gap means the machine slept.
        if (now - last > checkEveryMs * 3) recover('Resumed from sleep')
        last = now
      }, checkEveryMs)
      window.addEventListener('online', onOnline)
      document.addEventListener('visibilitychange', onVisible)
      return () => {
        clearInterval(timer)
        window.removeEventListener('online', onOnline)
        document.removeEventListener('visibilitychange', onVisible)
      }
    },
  }
}

/** One source of recovery signals from several (the browser's and the OS's). */
export function mergeTriggers(...sources: RecoveryTriggers[]): RecoveryTriggers {
  return {
    subscribe(recover) {
      const stops = sources.map((source) => source.subscribe(recover))
      return () => stops.forEach((stop) => stop())
    },
  }
}
