import type { App } from 'electron'

export interface Shutdown {
  /** Work that must finish before the process exits (SQLite, Kamailio). */
  add(task: () => Promise<void>): void
  /** True once the person chose Quit: windows then close instead of hiding to the tray. */
  isQuitting(): boolean
}

/**
 * Holds `quit` until every task is done (or `limitMs` passed, so a stuck
 * child cannot keep the app alive), then quits for real. Electron does not
 * await `before-quit` listeners; preventing it once and quitting again is
 * the documented way to finish async cleanup.
 */
export function installShutdown(app: Pick<App, 'on' | 'quit'>, limitMs = 10_000): Shutdown {
  const tasks: (() => Promise<void>)[] = []
  let quitting = false
  let finished = false

  app.on('before-quit', (event) => {
    quitting = true
    if (finished) return
    event.preventDefault()
    if (tasks.length === 0) {
      finished = true
      app.quit()
      return
    }
    const work = Promise.allSettled(tasks.splice(0).map((task) => task()))
    const limit = new Promise((resolve) => setTimeout(resolve, limitMs).unref?.())
    void Promise.race([work, limit]).then(() => {
      finished = true
      app.quit()
    })
  })

  return { add: (task) => void tasks.push(task), isQuitting: () => quitting }
}
