import { buildActivationLink } from '@shared/activation-code'
import { expectAccessible } from './a11y'
import { launchSoftphoneBrowser } from './browser'
import { expect, test, uniqueEmail, type SoftphonePlatform } from './fixtures'
import { Softphone } from './softphone'

/** The route the desktop app shows for a `phonesystems://activate?…` link (electron/main/links/app-links.ts). */
const linkRoute = (link: string) => `/code?link=${encodeURIComponent(link)}`

async function activeDevices(platform: SoftphonePlatform, userId: number): Promise<number> {
  const devices = await platform.api.get(`/api/admin/users/${userId}/devices`)
  const items = (devices.body as { items: { revokedAt: string | null }[] }).items
  return items.filter((device) => device.revokedAt === null).length
}

/**
 * Issue 13 item 4: an activation link opened on a computer that is already
 * activated asks `Replace this computer's activation?` before anything
 * changes. `Keep current` (or Escape) keeps the line; `Replace` activates the
 * new one and only then lets the old one go (its device is deactivated on the
 * platform); a link whose code no longer works leaves the current line as it
 * was. Run in Chromium on the route the desktop app shows for the link.
 */
test('an activation link on an activated computer asks before replacing it', async ({
  softphonePlatform: platform,
}) => {
  test.setTimeout(120_000)
  const ada = await platform.invite({
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: uniqueEmail('ada'),
  })
  const grace = await platform.invite({
    firstName: 'Grace',
    lastName: 'Hopper',
    email: uniqueEmail('grace'),
  })
  const browser = await launchSoftphoneBrowser()
  try {
    const phone = await Softphone.open(browser, platform.url, {
      microphone: 'granted',
      notifications: 'granted',
    })
    const { page } = phone
    await phone.activateWithCode(ada.code)
    await phone.finishOnboarding()
    expect(await activeDevices(platform, ada.userId)).toBe(1)

    const graceLink = buildActivationLink(platform.url, grace.code)
    const dialog = page.getByRole('dialog', { name: "Replace this computer's activation?" })

    // Keep current: nothing changes, back to the dialer, still Ada's line.
    await phone.goto(linkRoute(graceLink))
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText(`Ada Lovelace (${ada.email})`)
    await expect(dialog.getByRole('button', { name: 'Keep current' })).toBeFocused()
    await expectAccessible(page, 'replace activation dialog')
    await dialog.getByRole('button', { name: 'Keep current' }).click()
    await expect(phone.ready()).toBeVisible()
    await expect(page).toHaveURL(`${platform.url}/`)

    // Escape is Keep current too.
    await phone.goto(linkRoute(graceLink))
    await expect(dialog).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(phone.ready()).toBeVisible()
    expect(await activeDevices(platform, ada.userId)).toBe(1)

    // A link whose code is spent: Replace fails, and Ada's line stays as it was.
    const spent = buildActivationLink(platform.url, ada.code)
    await phone.goto(linkRoute(spent))
    await dialog.getByRole('button', { name: 'Replace' }).click()
    await expect(page.getByRole('alert')).toContainText('This authentication code does not work')
    expect(await activeDevices(platform, ada.userId)).toBe(1)
    await page.getByRole('button', { name: 'Keep current' }).click()
    await expect(phone.ready()).toBeVisible()

    // Replace: Grace's line is set up here and Ada's device is deactivated on the platform.
    await phone.goto(linkRoute(graceLink))
    await dialog.getByRole('button', { name: 'Replace' }).click()
    await expect(page.getByRole('heading', { name: 'Welcome to phone.systems™' })).toBeVisible({
      timeout: 30_000,
    })
    await expect.poll(() => activeDevices(platform, ada.userId)).toBe(0)
    expect(await activeDevices(platform, grace.userId)).toBe(1)
    await phone.finishOnboarding()
    await page.getByRole('link', { name: 'Settings' }).click()
    const line = page.getByRole('region', { name: 'Your line' })
    await expect(line).toContainText('Grace Hopper')
    await expect(line).toContainText(grace.internalNumber)
  } finally {
    await browser.close()
  }
})
