import { describe, expect, it } from 'vitest'
import { latestRequests } from '../../renderer/src/admin/latest-requests'

/** A request that settles when the test says so, and notes the signal it got. */
function deferred<T>() {
  let settle!: { resolve: (value: T) => void; reject: (err: unknown) => void }
  let signal!: AbortSignal
  const request = (s: AbortSignal) => {
    signal = s
    return new Promise<T>((resolve, reject) => (settle = { resolve, reject }))
  }
  return { request, settle: () => settle, signal: () => signal }
}

describe('latestRequests: only the newest answer is shown', () => {
  it('aborts the request a newer one overtakes and drops its late answer', async () => {
    const latest = latestRequests()
    const first = deferred<string>()
    const second = deferred<string>()
    const firstOutcome = latest(first.request)
    const secondOutcome = latest(second.request)
    expect(first.signal().aborted).toBe(true)
    expect(second.signal().aborted).toBe(false)
    first.settle().resolve('stale page')
    second.settle().resolve('fresh page')
    expect(await firstOutcome).toBeNull()
    expect(await secondOutcome).toEqual({ value: 'fresh page' })
  })

  it('hands back the newest request’s failure, but not an abort', async () => {
    const latest = latestRequests()
    const failing = deferred<string>()
    const outcome = latest(failing.request)
    failing.settle().reject(new Error('platform unreachable'))
    expect(await outcome).toEqual({ error: new Error('platform unreachable') })

    const aborted = deferred<string>()
    const abortedOutcome = latest(aborted.request)
    aborted.settle().reject(new DOMException('The user aborted a request.', 'AbortError'))
    expect(await abortedOutcome).toBeNull()
  })
})
