import { ApiClient } from '../../fixtures/platform'
import { buildActivationLink, parseActivationPageLink } from '@shared/activation-code'
import { expectAccessible } from './a11y'
import { launchSoftphoneBrowser } from './browser'
import { expect, test, uniqueEmail } from './fixtures'
import { startSoftphonePlatform } from './platform'
import { Softphone } from './softphone'

const RESEND = /contact your administrator to resend the invitation/

/**
 * The invitation's `Activate phone.systems` link (issue 12): the page it
 * opens offers the desktop app, this browser, the download, the QR code and
 * the code; fetching it does not use the code; used and expired codes get a
 * page that says so.
 */
test.describe('activation link from the email', () => {
  test('link scanners leave the code usable; Use phone.systems in this browser activates', async ({
    softphonePlatform: platform,
  }) => {
    test.setTimeout(90_000)
    const invitation = await platform.invite({
      firstName: 'Hedy',
      lastName: 'Lamarr',
      email: uniqueEmail('hedy'),
    })
    const link = invitation.link
    expect(parseActivationPageLink(link)).toEqual({ server: platform.url, code: invitation.code })

    // A mail security scanner fetches every link, twice: the code stays usable.
    for (let i = 0; i < 2; i++) expect((await fetch(link)).status).toBe(200)
    const state = await new ApiClient(platform.url).post('/api/activations/check', {
      code: invitation.code,
    })
    expect(state.body).toMatchObject({ state: 'usable' })

    const browser = await launchSoftphoneBrowser()
    try {
      const phone = await Softphone.open(browser, platform.url, {
        microphone: 'granted',
        notifications: 'granted',
      })
      const { page } = phone
      await page.goto(link)
      await expect(page.getByRole('heading', { name: 'Activate phone.systems™' })).toBeVisible()
      await expect(page.getByRole('link', { name: 'Open the desktop app' })).toHaveAttribute(
        'href',
        buildActivationLink(platform.url, invitation.code),
      )
      await expect(page.getByRole('link', { name: 'Download the app' })).toHaveAttribute(
        'href',
        '/download',
      )
      await expect(page.getByTestId('authentication-code')).toHaveText(invitation.code)
      const qr = page.getByRole('img', { name: 'QR code to activate the phone.systems app' })
      await expect(qr).toBeVisible()
      // The page's QR code says what the email's says.
      const shown = (await qr.getAttribute('src')) ?? ''
      expect(shown).toMatch(/^data:image\/png;base64,/)
      const { decodeQrPng } = await import('../../fixtures/qr')
      expect(decodeQrPng(Buffer.from(shown.split(',')[1]!, 'base64'))).toBe(link)
      await expectAccessible(page, 'Activate phone.systems')

      await page.getByRole('button', { name: 'Use phone.systems in this browser' }).click()
      await expect(page.getByRole('heading', { name: 'Welcome to phone.systems™' })).toBeVisible({
        timeout: 30_000,
      })

      // The same link again, now that the code has been used.
      await page.goto(link)
      await expect(page.getByText('This code has already been used')).toBeVisible()
      await expect(page.getByRole('alert')).toContainText(RESEND)
      await expectAccessible(page, 'used code')
    } finally {
      await browser.close()
    }
  })

  test('an expired code, and a link without a code, get a page that says so', async () => {
    test.setTimeout(90_000)
    // Codes that live 2 seconds, on a platform of this test's own.
    const platform = await startSoftphonePlatform({ PHONE_SYSTEMS_INVITATION_TTL_HOURS: '0.00056' })
    const browser = await launchSoftphoneBrowser()
    try {
      const invitation = await platform.invite({
        firstName: 'Joan',
        lastName: 'Clarke',
        email: uniqueEmail('joan'),
      })
      await new Promise((resolve) => setTimeout(resolve, 2_500))
      const phone = await Softphone.open(browser, platform.url, {})
      const { page } = phone
      await page.goto(invitation.link)
      await expect(page.getByText('This invitation has expired')).toBeVisible()
      await expect(page.getByRole('alert')).toContainText(RESEND)
      await expect(
        page.getByRole('button', { name: 'Use phone.systems in this browser' }),
      ).toHaveCount(0)

      await page.goto(`${platform.url}/activate`)
      await expect(page.getByText('This activation link does not work')).toBeVisible()
      await expect(page.getByRole('alert')).toContainText(RESEND)
    } finally {
      await browser.close()
      await platform.stop()
    }
  })
})
