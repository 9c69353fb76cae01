import { rm } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../electron/platform/config'
import { AlreadyRunningError } from '../../electron/platform/instance-lock'
import { startPlatform } from '../../electron/platform/platform'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'

describe('one platform per data folder', () => {
  let first: TestPlatform

  afterAll(async () => {
    if (first) await rm(first.dataDir, { recursive: true, force: true })
  })

  it('refuses a second platform on the same data folder and leaves the first running', async () => {
    first = await startTestPlatform()
    const second = startPlatform(
      loadConfig({
        PHONE_SYSTEMS_HTTP_PORT: '0',
        PHONE_SYSTEMS_DATA_DIR: first.dataDir,
        PHONE_SYSTEMS_KAMAILIO: 'off',
      }),
    )
    await expect(second).rejects.toBeInstanceOf(AlreadyRunningError)
    await expect(second).rejects.toThrow(
      `phone.systems is already running with this data folder (pid ${process.pid})`,
    )
    const admin = new ApiClient(first.url)
    await admin.signInAdmin()
    expect((await admin.get('/api/admin/users')).status).toBe(200)
  })

  it('starts again on the folder once the first one has stopped', async () => {
    await first.close()
    const again = await startPlatform(
      loadConfig({
        PHONE_SYSTEMS_HTTP_PORT: '0',
        PHONE_SYSTEMS_DATA_DIR: first.dataDir,
        PHONE_SYSTEMS_KAMAILIO: 'off',
      }),
    )
    await again.close()
  })
})
