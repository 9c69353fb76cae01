import { test as base } from '@playwright/test'
import { startSoftphonePlatform, type SoftphonePlatform } from './platform'

export type { SoftphonePlatform }

/**
 * One platform per worker with Kamailio on: the built server on free ports,
 * a real SMTP server receiving the invitations. Test files share it, so each
 * test invites its own users.
 */
export const test = base.extend<object, { softphonePlatform: SoftphonePlatform }>({
  softphonePlatform: [
    // Playwright requires the destructuring pattern even when no fixture is used.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const platform = await startSoftphonePlatform()
      await use(platform)
      await platform.stop()
    },
    { scope: 'worker', timeout: 60_000 },
  ],
})

export { expect } from '@playwright/test'

let counter = 0
/** A unique address per call within a worker's platform. */
export function uniqueEmail(name: string): string {
  counter += 1
  return `${name}.${process.pid}.${counter}@example.test`
}
