import { defineConfig } from '@playwright/test'
import { CHROMIUM_FLAGS, FAKE_MEDIA_FLAGS } from './test/fixtures/chromium'

/**
 * End-to-end flows in headless Chromium against the built app served by the
 * real platform (`out/main/serve.js`, started per worker by test/e2e/fixtures.ts).
 * `npm test` builds first; run `npm run build` before `npx playwright test`.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each worker runs its own platform and Chromium; two cores fit two workers.
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_FLAGS, ...FAKE_MEDIA_FLAGS],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /electron\// },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
})
