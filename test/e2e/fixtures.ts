import { test as base } from '@playwright/test'
import { ADMIN, ApiClient } from '../fixtures/platform'
import type { ChildServer } from '../fixtures/child-platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { startBuiltServer } from './built-server'

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
      const built = await startBuiltServer({ admin: true, smtpUrl: smtp.url })
      const api = new ApiClient(built.url)
      await api.signInAdmin()
      await use({ url: built.url, dataDir: built.dataDir, smtp, api, server: built.server })
      await built.stop()
      await smtp.close()
    },
    { scope: 'worker' },
  ],
})

export { expect } from '@playwright/test'
