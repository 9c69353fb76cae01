/**
 * `npx tsx scripts/screenshots-activation.ts`: PNGs of what a new user meets
 * before the softphone (issue 12): the invitation email, the activation page
 * its button opens, the download page (each at 1366×768 and 1920×1080, as
 * on a desktop), and the code screen asking for the `Server address`. From
 * the built app (run `npx electron-vite build` first) served by a real
 * platform with Kamailio and a real SMTP server. Not part of npm test.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { PROJECT_ROOT } from '../test/fixtures/child-platform'
import { launchSoftphoneBrowser } from '../test/e2e/softphone/browser'
import { startSoftphonePlatform } from '../test/e2e/softphone/platform'
import { Softphone } from '../test/e2e/softphone/softphone'
import { serveRendererAlone } from '../test/e2e/softphone/static-renderer'

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots')
const DESKTOPS = [
  { suffix: '', viewport: { width: 1366, height: 768 } },
  { suffix: '-1920', viewport: { width: 1920, height: 1080 } },
] as const

async function save(page: Page, file: string): Promise<void> {
  await page.mouse.move(0, 0)
  await page.waitForTimeout(400)
  await page.screenshot({ path: file })
  console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`)
}

async function onDesktops(browser: Browser, name: string, open: (page: Page) => Promise<void>) {
  for (const { suffix, viewport } of DESKTOPS) {
    const context = await browser.newContext({ viewport, colorScheme: 'light' })
    const page = await context.newPage()
    await open(page)
    await save(page, path.join(OUT, `${name}${suffix}.png`))
    await context.close()
  }
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true })
  const web = await serveRendererAlone()
  const platform = await startSoftphonePlatform({
    PHONE_SYSTEMS_COMPANY_NAME: 'Nordhavn Shipping',
    PHONE_SYSTEMS_TIME_ZONE: 'Europe/Copenhagen',
    PHONE_SYSTEMS_ALLOWED_ORIGINS: web.url,
  })
  const browser = await launchSoftphoneBrowser()
  try {
    await platform.addNumbers(['+4520304050'])
    const invitation = await platform.invite(
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@company.example',
        department: 'Support',
      },
      { didNumber: '+4520304050' },
    )
    const mail = platform.smtp.messages.find((m) => JSON.stringify(m.to).includes('ada@'))!

    const email = await browser.newContext({ viewport: { width: 760, height: 1000 } })
    const emailPage = await email.newPage()
    await emailPage.setContent(mail.html as string)
    await emailPage.setViewportSize({
      width: 760,
      height: await emailPage.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } })
            .document.documentElement.scrollHeight + 16,
      ),
    })
    await save(emailPage, path.join(PROJECT_ROOT, 'docs', 'invitation-email.png'))
    await email.close()

    await onDesktops(browser, 'activation-page', async (page) => {
      await page.goto(invitation.link)
      await page.getByRole('img', { name: 'QR code to activate the phone.systems app' }).waitFor()
    })
    await onDesktops(browser, 'download-page', async (page) => {
      await page.goto(`${platform.url}/download`)
    })

    const phone = await Softphone.open(
      browser,
      web.url,
      {},
      { viewport: { width: 420, height: 780 } },
    )
    await phone.goto('/code')
    await phone.page.getByLabel('Enter authentication code').fill(invitation.code)
    await phone.page.getByRole('button', { name: 'Continue' }).click()
    await phone.page.getByLabel('Server address').waitFor()
    await save(phone.page, path.join(OUT, 'softphone-server-address.png'))
  } finally {
    await browser.close()
    await platform.stop()
    await web.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
