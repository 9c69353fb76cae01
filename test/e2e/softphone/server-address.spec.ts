import { expect, test, uniqueEmail } from './fixtures'
import { launchSoftphoneBrowser } from './browser'
import { startSoftphonePlatform } from './platform'
import { Softphone } from './softphone'
import { serveRendererAlone } from './static-renderer'

/**
 * Issue 12 item 6: a short code where the app knows no platform. The
 * renderer comes from a web server that is not a platform (as the desktop
 * app's pages come from app://), so the code screen asks for the
 * `Server address`, refuses one that is not a phone.systems platform, and
 * activates against the right one.
 */
test('a short code with no known server asks for the Server address, and checks it', async () => {
  test.setTimeout(90_000)
  const web = await serveRendererAlone()
  const platform = await startSoftphonePlatform({ PHONE_SYSTEMS_ALLOWED_ORIGINS: web.url })
  const notAPlatform = await serveRendererAlone()
  const browser = await launchSoftphoneBrowser()
  try {
    const invitation = await platform.invite({
      firstName: 'Radia',
      lastName: 'Perlman',
      email: uniqueEmail('radia'),
    })
    const phone = await Softphone.open(browser, web.url, { microphone: 'granted' })
    const { page } = phone
    await phone.goto('/code')
    const code = page.getByLabel('Enter authentication code')
    await code.fill(invitation.code)
    await page.getByRole('button', { name: 'Continue' }).click()

    // The page's own origin answered as no platform does: the field appears.
    const address = page.getByLabel('Server address')
    await expect(address).toBeVisible()
    await expect(address).toBeFocused()
    await expect(page.getByRole('alert')).toContainText('Enter the server address too')

    // A web server that is not a platform, and something that is no address.
    await address.fill(notAPlatform.url)
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByRole('alert')).toContainText(
      `No phone.systems™ platform answers at ${notAPlatform.url}`,
    )
    await expect(address).toHaveAttribute('aria-invalid', 'true')
    await address.fill('http://exa mple')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByRole('alert')).toContainText('This is not a server address')

    await address.fill(`${platform.url}/`)
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByRole('heading', { name: 'Welcome to phone.systems™' })).toBeVisible({
      timeout: 30_000,
    })
  } finally {
    await browser.close()
    await platform.stop()
    await web.close()
    await notAPlatform.close()
  }
})
