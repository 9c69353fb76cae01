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

/**
 * Issue 13 item 2 in Chromium: the renderer on an origin of its own (as the
 * desktop app's app://phone.systems is), allowed by PHONE_SYSTEMS_ALLOWED_ORIGINS:
 * two softphones activate against the platform across origins (CORS) and
 * call each other (the SIP WebSocket's Origin check); a page from an origin
 * not in the list gets no CORS grant.
 */
test('softphones served from another allowed origin activate and call across origins', async () => {
  test.setTimeout(120_000)
  const web = await serveRendererAlone()
  const platform = await startSoftphonePlatform({ PHONE_SYSTEMS_ALLOWED_ORIGINS: web.url })
  const stranger = await serveRendererAlone()
  const browser = await launchSoftphoneBrowser()
  try {
    const phones = []
    for (const name of ['Frances', 'Grace']) {
      const invitation = await platform.invite({
        firstName: name,
        lastName: 'Cross',
        email: uniqueEmail(name),
      })
      const phone = await Softphone.open(browser, web.url, {
        camera: 'denied',
        microphone: 'granted',
        notifications: 'granted',
      })
      // The whole link names the platform, so no Server address is asked.
      await phone.activateWithCode(invitation.link)
      await phone.finishOnboarding()
      phones.push({ phone, invitation })
    }
    const [frances, grace] = phones as [(typeof phones)[0], (typeof phones)[0]]
    await frances.phone.dial(grace.invitation.internalNumber)
    const ringing = grace.phone.incoming()
    await expect(ringing).toBeVisible()
    await ringing.getByRole('button', { name: 'Answer' }).click()
    await frances.phone.expectAudioBothWays()
    await grace.phone.expectAudioBothWays()
    await frances.phone.page.getByRole('button', { name: 'Hang up' }).click()
    await expect(grace.phone.page.getByLabel('Phone number')).toBeVisible()

    // The same request from an origin not in the list: no CORS grant.
    const res = await fetch(`${platform.url}/api/activations/check`, {
      method: 'OPTIONS',
      headers: {
        origin: stranger.url,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const allowed = await fetch(`${platform.url}/api/activations/check`, {
      method: 'OPTIONS',
      headers: {
        origin: web.url,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(allowed.headers.get('access-control-allow-origin')).toBe(web.url)
  } finally {
    await browser.close()
    await platform.stop()
    await web.close()
    await stranger.close()
  }
})
