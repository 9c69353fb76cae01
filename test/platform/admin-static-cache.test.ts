import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../fixtures/platform'

/**
 * The admin console's page loads: built assets (content-hashed names) are
 * cached for good, the app shell is revalidated so a new build shows at once.
 */
describe('renderer files and caching', () => {
  let renderer: string
  let platform: TestPlatform

  beforeAll(async () => {
    renderer = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-renderer-'))
    await mkdir(path.join(renderer, 'assets'))
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>shell</title>')
    await writeFile(path.join(renderer, 'assets', 'UsersView-Ab12Cd34.js'), 'export {}')
    platform = await startTestPlatform({}, { rendererDir: renderer })
  })

  afterAll(async () => {
    await platform?.dispose()
    await rm(renderer, { recursive: true, force: true })
  })

  it('caches hashed assets as immutable', async () => {
    const res = await fetch(`${platform.url}/assets/UsersView-Ab12Cd34.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('revalidates the app shell on every route', async () => {
    for (const url of ['/admin/users', '/index.html']) {
      const res = await fetch(`${platform.url}${url}`)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('shell')
      expect(res.headers.get('cache-control')).not.toContain('immutable')
    }
  })
})
