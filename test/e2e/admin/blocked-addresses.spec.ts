import type { Page, Route } from '@playwright/test'
import { expect, test } from '../fixtures'
import { signIn } from './helpers'
import type { BlockedAddressList } from '@shared/schemas/sip-blocks'

/**
 * `Blocked addresses`. The e2e platform runs without Kamailio, so the real
 * answer here is "not reachable". The table and the Unblock flow are shown
 * with the list answered in the browser (page.route): a test of what the page
 * draws and which calls it makes. Listing and lifting real blocks in Kamailio
 * is covered by test/sip/hardening.test.ts, the routes' admin-only access by
 * test/platform/route-auth.test.ts.
 */

const LIST = /\/api\/admin\/sip\/blocked$/
const ONE = /\/api\/admin\/sip\/blocked\/[^/]+$/

/** Answers GET …/sip/blocked with `answers` in turn (the last one again after that). */
async function mockList(page: Page, ...answers: BlockedAddressList[]): Promise<void> {
  let n = 0
  await page.route(LIST, (route: Route) =>
    route.fulfill({ json: answers[Math.min(n++, answers.length - 1)] }),
  )
}

const TWO: BlockedAddressList = {
  available: true,
  blockSeconds: 300,
  items: [
    { address: '203.0.113.7', reason: 'flood' },
    { address: '2001:db8::42', reason: 'authentication failures' },
  ],
}

test('without a SIP server the page says blocks cannot be shown, not that none exist', async ({
  page,
  platform,
}) => {
  await signIn(page, platform.url)
  const nav = page.getByRole('navigation', { name: 'Admin menu' })
  await expect(nav.getByRole('link')).toContainText([
    'Users',
    'Numbers',
    'Audit log',
    'Blocked addresses',
  ])
  await nav.getByRole('link', { name: 'Blocked addresses' }).click()
  await expect(page).toHaveURL(`${platform.url}/admin/blocked`)
  await expect(page.getByRole('heading', { name: 'Blocked addresses', level: 1 })).toBeVisible()
  await expect(page.getByText(/repeated failed sign-ins, each for 5 minutes/)).toBeVisible()
  await expect(
    page.getByText(
      'The SIP server cannot be reached from the platform, so its blocked addresses are unknown and cannot be shown.',
    ),
  ).toBeVisible()
  await expect(page.getByText('No address is blocked.')).toHaveCount(0)
  await expect(page.getByRole('table', { name: 'Blocked addresses' })).toHaveCount(0)
})

test('the table names each reason; Unblock asks, calls DELETE and removes the row', async ({
  page,
  platform,
}) => {
  await mockList(page, TWO)
  const deleted: { url: string; authorization: string | undefined }[] = []
  await page.route(ONE, async (route) => {
    const request = route.request()
    expect(request.method()).toBe('DELETE')
    deleted.push({ url: request.url(), authorization: request.headers()['authorization'] })
    await route.fulfill({ status: 204 })
  })

  await signIn(page, platform.url)
  await page.getByRole('link', { name: 'Blocked addresses' }).click()
  const rows = page.getByRole('table', { name: 'Blocked addresses' }).locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText('203.0.113.7')
  await expect(rows.nth(0)).toContainText('Too many requests')
  await expect(rows.nth(1)).toContainText('2001:db8::42')
  await expect(rows.nth(1)).toContainText('Failed sign-ins')

  // Cancel leaves the block alone.
  await page.getByRole('button', { name: 'Unblock 203.0.113.7' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Unblock address' })
  await expect(dialog).toContainText('Unblock 203.0.113.7?')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  expect(deleted).toEqual([])

  await page.getByRole('button', { name: 'Unblock 2001:db8::42' }).click()
  await dialog.getByRole('button', { name: 'Unblock', exact: true }).click()
  await expect(page.getByText('Unblocked 2001:db8::42')).toBeVisible()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('203.0.113.7')
  expect(deleted).toHaveLength(1)
  expect(decodeURIComponent(new URL(deleted[0]!.url).pathname)).toBe(
    '/api/admin/sip/blocked/2001:db8::42',
  )
  expect(deleted[0]!.authorization).toMatch(/^Bearer /)
})

test('a block that ended meanwhile: Unblock says so and refreshes the list', async ({
  page,
  platform,
}) => {
  await mockList(page, { ...TWO, items: TWO.items.slice(0, 1) }, { ...TWO, items: [] })
  await page.route(ONE, (route) =>
    route.fulfill({
      status: 404,
      json: {
        statusCode: 404,
        error: 'Not Found',
        message: 'address: this address is not blocked',
        fields: [{ field: 'address', reason: 'this address is not blocked' }],
      },
    }),
  )
  await signIn(page, platform.url)
  await page.getByRole('link', { name: 'Blocked addresses' }).click()
  await page.getByRole('button', { name: 'Unblock 203.0.113.7' }).click()
  await page
    .getByRole('alertdialog', { name: 'Unblock address' })
    .getByRole('button', { name: 'Unblock', exact: true })
    .click()
  await expect(page.getByText('203.0.113.7 was no longer blocked')).toBeVisible()
  await expect(page.getByText('No address is blocked.')).toBeVisible()
})

test('Unblock with no SIP server: the platform’s own 503 is shown, the row stays', async ({
  page,
  platform,
}) => {
  // Only the list is answered in the browser; the DELETE reaches the real platform.
  await mockList(page, { ...TWO, items: TWO.items.slice(0, 1) })
  await signIn(page, platform.url)
  await page.getByRole('link', { name: 'Blocked addresses' }).click()
  await page.getByRole('button', { name: 'Unblock 203.0.113.7' }).click()
  await page
    .getByRole('alertdialog', { name: 'Unblock address' })
    .getByRole('button', { name: 'Unblock', exact: true })
    .click()
  await expect(page.getByText('Not unblocked')).toBeVisible()
  await expect(page.getByText('address: no SIP server is running')).toBeVisible()
  await expect(
    page.getByRole('table', { name: 'Blocked addresses' }).locator('tbody tr'),
  ).toHaveCount(1)

  // Refresh asks the platform again (the error notice stays until closed, over the button).
  await page.unroute(LIST)
  await page.getByRole('alert').getByRole('button', { name: 'Close' }).click()
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByText('The SIP server cannot be reached', { exact: false })).toBeVisible()
})
