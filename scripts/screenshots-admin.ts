/**
 * `npx tsx scripts/screenshots-admin.ts`: PNGs of every admin console page
 * for docs/admin-console.md, taken from the built app (run
 * `npx electron-vite build` first) served by a real platform with a small
 * demo company. Light theme, plus the Users page in dark (and Blocked addresses
 * at 1366×768 and 1920×1080, screenshots-blocked.ts). Not part of npm test.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { PROJECT_ROOT } from '../test/fixtures/child-platform'
import { launchChromium } from '../test/fixtures/chromium'
import { ADMIN, ApiClient, startTestPlatform } from '../test/fixtures/platform'
import { seedDemoCompany } from './admin-demo-data'
import { shootBlockedAddresses } from './screenshots-blocked'

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots')
const rendererDir = path.join(PROJECT_ROOT, 'out', 'renderer')

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  // Let transitions (dialogs, menus, toasts) settle before the picture, and show the
  // page from the top (clicks may have scrolled it a little).
  await page.waitForTimeout(400)
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  )
  const file = path.join(OUT, `admin-${name}.png`)
  await page.screenshot({ path: file, fullPage })
  console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`)
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/admin/sign-in`)
  await page.getByLabel('Email').fill(ADMIN.email)
  await page.getByLabel('Password').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Users' }).waitFor()
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true })
  const platform = await startTestPlatform({}, { rendererDir })
  const fresh = await startTestPlatform(
    { PHONE_SYSTEMS_ADMIN_EMAIL: '', PHONE_SYSTEMS_ADMIN_PASSWORD: '' },
    { rendererDir },
  )
  const browser = await launchChromium()
  try {
    const admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    await seedDemoCompany(platform, admin)
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      colorScheme: 'light',
    })
    const page = await context.newPage()

    await page.goto(`${fresh.url}/admin/setup`)
    await page.getByLabel('Email').fill('it@company.example')
    await shot(page, 'setup')

    await page.goto(`${platform.url}/admin/sign-in`)
    await page.getByLabel('Email').fill(ADMIN.email)
    await shot(page, 'sign-in')

    await signIn(page, platform.url)
    await page.getByRole('row').nth(3).waitFor()
    await shot(page, 'users')

    await page.getByRole('button', { name: 'Actions for Jonas Berg' }).click()
    await shot(page, 'user-actions')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Add user' }).click()
    await page.getByRole('menuitem', { name: 'Create new' }).click()
    await page.getByLabel('First Name').fill('Clara')
    await page.getByLabel('Last Name').fill('Dahl')
    await page.getByLabel('Department').fill('Customer Success')
    await page.getByLabel('Job Title').fill('Onboarding Specialist')
    await page.getByLabel('Email').fill('clara.dahl@company')
    await page.getByLabel('Email').blur()
    await shot(page, 'create-user')
    await page.getByLabel('Email').fill('clara.dahl@company.example')
    await page.getByRole('button', { name: 'Next' }).click()

    await page.getByRole('heading', { name: 'Edit App Configuration' }).waitFor()
    await page.getByLabel('DID Number').fill('33400111')
    await page.getByRole('option', { name: '+4533400111' }).click()
    await page.getByLabel('Enable External Outbound Calls').check()
    await page.getByLabel('Caller IDs').fill('70100100')
    await page.getByRole('option', { name: '+4570100100' }).click()
    await page.getByLabel('Inbound External').check()
    await page.getByLabel('Outbound External').check()
    await shot(page, 'app-configuration', true)
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Invitation sent to clara.dahl@company.example').waitFor()
    await shot(page, 'invitation-sent')
    // The notice goes by itself after a few seconds; the next pictures are without it.
    await page
      .getByText('Invitation sent to clara.dahl@company.example')
      .waitFor({ state: 'hidden' })

    await page.getByRole('button', { name: 'Actions for Mette Andersen' }).click()
    await page.getByRole('menuitem', { name: 'Devices' }).click()
    await page.getByRole('dialog').getByRole('row').nth(2).waitFor()
    await shot(page, 'devices')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Actions for Sofie Holm' }).click()
    await page.getByRole('menuitem', { name: 'Send Invite to app' }).click()
    await shot(page, 'send-invite')
    await page.keyboard.press('Escape')

    await page.goto(`${platform.url}/admin/users/import`)
    await page
      .getByLabel('CSV content')
      .fill(
        [
          'First Name;Last Name;Department;Job Title;Email',
          'Emil;Friis;Logistics;Dispatcher;emil.friis@company.example',
          'Nanna;Krogh;Logistics;Planner;nanna.krogh@company',
          'Mads;Skov;Logistics;Warehouse Lead;mette.andersen@company.example',
          'Olga;Bach;Logistics;Coordinator;olga.bach@company.example',
        ].join('\n'),
      )
    await page.getByRole('button', { name: 'Check file' }).click()
    await page.getByRole('table', { name: 'Import report' }).waitFor()
    await shot(page, 'import')

    await page.getByRole('link', { name: 'Numbers' }).click()
    await page.getByRole('cell', { name: '+4533400101' }).waitFor()
    await shot(page, 'numbers')
    await page.getByRole('button', { name: 'Add numbers' }).click()
    await page.getByLabel('Phone numbers').fill('+4533400150\n+45 3340 0151, 3340 0152\n+4512')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByText('Nothing was added').waitFor()
    await shot(page, 'add-numbers')
    await page.keyboard.press('Escape')

    await page.getByRole('link', { name: 'Audit log' }).click()
    await page.getByRole('table', { name: 'Audit log' }).getByRole('row').nth(5).waitFor()
    await shot(page, 'audit')

    await page.getByRole('link', { name: 'Outbox' }).click()
    await page.frameLocator('iframe').getByRole('img').waitFor()
    await shot(page, 'outbox')

    await shootBlockedAddresses(browser, platform.url, OUT)

    const dark = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      colorScheme: 'dark',
    })
    const darkPage = await dark.newPage()
    await signIn(darkPage, platform.url)
    await darkPage.getByRole('row').nth(3).waitFor()
    await shot(darkPage, 'users-dark')
  } finally {
    await browser.close()
    await platform.dispose()
    await fresh.dispose()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
