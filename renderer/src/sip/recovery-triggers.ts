import type { RecoveryTriggers } from './types'

/**
 * Browser signals that the network under the registration may have
 * changed: `online`, the page becoming visible again, and a timer that
 * notices a jump in wall-clock time (the machine slept). Electron adds
 * powerMonitor's `resume` through the bridge.
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
