import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { installShutdown } from '../../electron/main/shutdown'

function fakeApp() {
  const emitter = new EventEmitter()
  const quit = vi.fn(() => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) }
    emitter.emit('before-quit', event)
    return event.defaultPrevented
  })
  const app = { on: emitter.on.bind(emitter), quit } as never
  return { app, quit }
}

describe('shutdown', () => {
  it('holds quit until the tasks finish, then quits once for real', async () => {
    const { app, quit } = fakeApp()
    const shutdown = installShutdown(app)
    let release!: () => void
    shutdown.add(() => new Promise<void>((resolve) => (release = resolve)))
    expect(shutdown.isQuitting()).toBe(false)
    expect(quit()).toBe(true) // prevented: the platform is still closing
    expect(shutdown.isQuitting()).toBe(true)
    release()
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(2))
    expect(quit.mock.results[1]!.value).toBe(false)
  })

  it('a task that fails or hangs does not keep the app alive', async () => {
    vi.useFakeTimers()
    const { app, quit } = fakeApp()
    const shutdown = installShutdown(app, 1_000)
    shutdown.add(() => Promise.reject(new Error('kamailio did not answer')))
    shutdown.add(() => new Promise<void>(() => undefined))
    quit()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(quit).toHaveBeenCalledTimes(2)
    vi.useRealTimers()
  })
})
