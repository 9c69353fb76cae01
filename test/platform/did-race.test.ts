import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'

/** Two admins assigning the same DID at the same moment: exactly one wins, the other gets 409. */
describe('concurrent DID assignment', () => {
  let platform: TestPlatform
  let first: ApiClient
  let second: ApiClient

  beforeAll(async () => {
    platform = await startTestPlatform()
    first = new ApiClient(platform.url)
    second = new ApiClient(platform.url)
    await first.signInAdmin()
    await second.signInAdmin()
  })

  afterAll(() => platform?.dispose())

  it('assigns each contested DID to exactly one line', async () => {
    const rounds = 20
    const numbers = Array.from(
      { length: rounds },
      (_, i) => `+4520305${String(i).padStart(3, '0')}`,
    )
    expect((await first.post('/api/admin/numbers', { numbers })).status).toBe(201)
    for (const [i, did] of numbers.entries()) {
      const [a, b] = await Promise.all([
        first.post('/api/admin/users', { email: `race-a-${i}@example.test` }),
        second.post('/api/admin/users', { email: `race-b-${i}@example.test` }),
      ])
      const results = await Promise.all([
        first.put(`/api/admin/users/${a.body.id}/app-line`, { didNumber: did }),
        second.put(`/api/admin/users/${b.body.id}/app-line`, { didNumber: did }),
      ])
      const statuses = results.map((r) => r.status).sort()
      expect(statuses).toEqual([200, 409])
      const loser = results.find((r) => r.status === 409)!
      expect(loser.body.fields).toEqual([
        { field: 'didNumber', reason: expect.stringContaining('already assigned') },
      ])
      const owners = await platform.ctx.db.all(
        'SELECT user_id FROM app_lines WHERE did_number = ?',
        [did],
      )
      expect(owners).toHaveLength(1)
      const aliases = await platform.ctx.db.all(
        'SELECT username FROM dbaliases WHERE alias_username = ?',
        [did],
      )
      expect(aliases).toHaveLength(1)
    }
  })
})
