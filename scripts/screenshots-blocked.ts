/**
 * The `Blocked addresses` pictures for docs/admin-console.md, at 1366×768 and
 * 1920×1080: the page as the platform answers without a SIP server, and with
 * two blocks. The screenshot platform runs without Kamailio, so the list with
 * blocks is answered in the browser (demo data, like the rest of the pictures).
 */
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { ADMIN } from '../test/fixtures/platform'

const SIZES = [
  { width: 1366, height: 768, suffix: '' },
  { width: 1920, height: 1080, suffix: '-1920' },
]

const BLOCKS = {
  available: true,
  blockSeconds: 300,
  items: [
    { address: '203.0.113.7', reason: 'flood' },
    { address: '198.51.100.24', reason: 'authentication failures' },
    { address: '2001:db8::42', reason: 'authentication failures' },
  ],
}

async function save(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(400)
  await page.screenshot({ path: file })
  console.log(`wrote ${file}`)
}

export async function shootBlockedAddresses(
  browser: Browser,
  url: string,
  outDir: string,
): Promise<void> {
  for (const { width, height, suffix } of SIZES) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' })
    const page = await context.newPage()
    await page.goto(`${url}/admin/sign-in`)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Users' }).waitFor()

    await page.getByRole('link', { name: 'Blocked addresses' }).click()
    await page.getByText('The SIP server cannot be reached', { exact: false }).waitFor()
    await save(page, path.join(outDir, `admin-blocked-addresses-not-reachable${suffix}.png`))

    await page.route(/\/api\/admin\/sip\/blocked$/, (route) => route.fulfill({ json: BLOCKS }))
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.getByRole('cell', { name: '2001:db8::42', exact: true }).waitFor()
    await save(page, path.join(outDir, `admin-blocked-addresses${suffix}.png`))
    await context.close()
  }
}
