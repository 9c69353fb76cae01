import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test as base } from '@playwright/test'
import { ADMIN, ApiClient } from '../fixtures/platform'
import {
  spawnServer,
  envWithoutPlatformSettings,
  type ChildServer,
} from '../fixtures/child-platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'

export { ADMIN }

export interface E2ePlatform {
  /** Where the platform serves the API, the softphone (/) and the admin console (/admin). */
  url: string
  dataDir: string
  /** The real SMTP server on loopback that receives the invitations. */
  smtp: TestSmtpServer
  /** An API client signed in as the fixture admin, for arranging state. */
  api: ApiClient
  server: ChildServer
}

/**
 * One platform per worker: the built server (`node out/main/serve.js`, the
 * same as `npm run serve`) on a free port with a fresh data folder, a real
 * SMTP server, and the fixture admin. Kamailio is off.
 */
export const test = base.extend<object, { platform: E2ePlatform }>({
  platform: [
    // Playwright requires the destructuring pattern even when no fixture is used.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const smtp = await startSmtpServer()
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-e2e-'))
      const server = await spawnServer({
        command: process.execPath,
        args: ['out/main/serve.js'],
        env: {
          ...envWithoutPlatformSettings(),
          PHONE_SYSTEMS_HTTP_PORT: '0',
          PHONE_SYSTEMS_DATA_DIR: dataDir,
          PHONE_SYSTEMS_SMTP_URL: smtp.url,
          PHONE_SYSTEMS_ADMIN_EMAIL: ADMIN.email,
          PHONE_SYSTEMS_ADMIN_PASSWORD: ADMIN.password,
          PHONE_SYSTEMS_KAMAILIO: 'off',
          LOG_LEVEL: 'warn',
        },
      })
      const api = new ApiClient(server.url)
      await api.signInAdmin()
      await use({ url: server.url, dataDir, smtp, api, server })
      await server.stop()
      await smtp.close()
      await rm(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
})

export { expect } from '@playwright/test'
