import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { signIn } from './admin/helpers'

/**
 * The platform sends a Content-Security-Policy header on its pages
 * (electron/platform/http/security-headers.ts). A policy too strict for
 * what the pages really do would break them silently, so each page here is
 * loaded and used in Chromium, and every violation the browser reports
 * (the securitypolicyviolation event, and the console's "Refused to …") is
 * collected: there must be none.
 */

/** Starts collecting the page's CSP violations into the returned list. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) {
      violations.push(`console: ${message.text()}`)
    }
  })
  await page.exposeFunction('reportCspViolation', (text: string) => {
    violations.push(`event: ${text}`)
  })
  // Runs in the page before its own scripts, in every document the page loads.
  // This file is typed for Node, so the DOM's few names used are spelled out.
  await page.addInitScript(() => {
    interface ViolationEvent {
      effectiveDirective: string
      blockedURI: string
      sourceFile: string
    }
    const page = globalThis as unknown as {
      reportCspViolation(text: string): Promise<void>
      document: {
        addEventListener(type: string, listener: (event: ViolationEvent) => void): void
      }
    }
    page.document.addEventListener('securitypolicyviolation', (event) => {
      void page.reportCspViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI} (${event.sourceFile})`,
      )
    })
  })
  return violations
}

/** Lets late violations (lazy chunks, fonts, a WebSocket) arrive before checking. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
}

test('the softphone pages load under the CSP header without a violation', async ({
  page,
  platform,
}) => {
  const violations = await watchViolations(page)
  const response = await page.goto(`${platform.url}/`)
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await settle(page)
  for (const url of ['/code', '/sign-in']) {
    await page.goto(`${platform.url}${url}`)
    await settle(page)
  }
  expect(violations).toEqual([])
})

test('the admin console loads and is used under the CSP header without a violation', async ({
  page,
  platform,
}) => {
  const violations = await watchViolations(page)
  const response = await page.goto(`${platform.url}/admin`)
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  await expect(page.getByRole('heading', { name: /admin/ })).toBeVisible()
  await settle(page)
  await signIn(page, platform.url)
  // Each view is its own lazy chunk with its own components and styles.
  for (const [link, heading] of [
    ['Numbers', 'Numbers'],
    ['Audit log', 'Audit log'],
    ['Users', 'Users'],
  ] as const) {
    await page.getByRole('link', { name: link }).first().click()
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible()
    await settle(page)
  }
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  expect(violations).toEqual([])
})

test('the API reference /api/docs renders under its CSP without a violation', async ({
  page,
  platform,
}) => {
  const violations = await watchViolations(page)
  await page.goto(`${platform.url}/api/docs/`)
  await expect(page.getByText('phone.systems platform API').first()).toBeVisible()
  await expect(page.getByText('/api/health').first()).toBeVisible()
  await settle(page)
  expect(violations).toEqual([])
})

test('another site cannot frame the admin console (frame-ancestors)', async ({
  page,
  platform,
}) => {
  const refused: string[] = []
  page.on('console', (message) => {
    if (message.text().includes('frame-ancestors')) refused.push(message.text())
  })
  await page.setContent(`<iframe src="${platform.url}/admin" title="framed"></iframe>`)
  await expect.poll(() => refused.length).toBeGreaterThan(0)
  const framed = page.frameLocator('iframe')
  await expect(framed.getByRole('heading', { name: /admin/ })).toHaveCount(0)
})
