import { describe, expect, it } from 'vitest'
import { WorkQueue } from '../../electron/platform/security/work-queue'

/** A job that finishes when the test says so. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, job: () => opened }
}

const full = () => new Error('full')
const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('WorkQueue', () => {
  it('runs at most maxActive jobs, queues maxWaiting, refuses the rest at once', async () => {
    const queue = new WorkQueue(2, 3, full)
    const gates = Array.from({ length: 6 }, gate)
    const started: number[] = []
    const runs = gates.map((g, i) =>
      queue.run(async () => {
        started.push(i)
        await g.job()
        return i
      }),
    )
    // The sixth is refused synchronously with the first await, not after a wait.
    await expect(runs[5]).rejects.toThrow('full')
    await tick()
    expect(started).toEqual([0, 1])
    expect(queue.load).toEqual({ active: 2, waiting: 3 })

    gates[1]!.open()
    expect(await runs[1]).toBe(1)
    await tick()
    expect(started).toEqual([0, 1, 2]) // the first waiter took the freed slot
    for (const g of gates) g.open()
    expect(await Promise.all(runs.slice(0, 5))).toEqual([0, 1, 2, 3, 4])
    expect(queue.load).toEqual({ active: 0, waiting: 0 })
  })

  it('frees the slot when a job throws', async () => {
    const queue = new WorkQueue(1, 0, full)
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await queue.run(() => Promise.resolve('next'))).toBe('next')
    expect(queue.load).toEqual({ active: 0, waiting: 0 })
  })

  it('a newcomer does not overtake a waiter when a slot frees up', async () => {
    const queue = new WorkQueue(1, 1, full)
    const first = gate()
    const order: string[] = []
    const a = queue.run(async () => {
      await first.job()
      order.push('a')
    })
    const b = queue.run(async () => {
      order.push('b')
    })
    first.open()
    await a
    // 'a' has finished and handed its slot to 'b'; 'c' arrives now and must wait behind it.
    const c = queue.run(async () => {
      order.push('c')
    })
    await Promise.all([b, c])
    expect(order).toEqual(['a', 'b', 'c'])
  })
})
