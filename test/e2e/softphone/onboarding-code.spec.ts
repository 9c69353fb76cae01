import { ApiClient } from '../../fixtures/platform'
import { buildActivationLink } from '@shared/activation-code'
import { expectAccessible } from './a11y'
import { launchSoftphoneBrowser } from './browser'
import { expect, test, uniqueEmail } from './fixtures'
import { Softphone } from './softphone'

const NOT_WORKING = /This authentication code does not work/

test.describe('activation by code', () => {
  test('camera denied: the code from the email activates; denied microphone and notifications warn, the dialer is still reached', async ({
    softphonePlatform: platform,
  }) => {
    const invitation = await platform.invite({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: uniqueEmail('ada'),
    })
    const browser = await launchSoftphoneBrowser()
    try {
      const phone = await Softphone.open(browser, platform.url, {
        camera: 'denied',
        microphone: 'denied',
        notifications: 'denied',
      })
      const { page } = phone
      await phone.goto('/')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByRole('heading', { name: 'Scan QR code' })).toBeVisible()
      await expect(page.getByText('Camera access denied')).toBeVisible()
      await expectAccessible(page, 'Camera access denied')

      await page.getByRole('button', { name: 'Enter code manually' }).click()
      const field = page.getByLabel('Enter authentication code')
      await expect(field).toBeFocused()
      await expectAccessible(page, 'Enter authentication code')

      // A wrong code: the platform's one answer for every code that does not work.
      await field.fill('ZZZZ-ZZZZ-ZZZZ')
      await page.getByRole('button', { name: 'Continue' }).click()
      await expect(page.getByRole('alert')).toContainText(NOT_WORKING)
      await expect(field).toHaveAttribute('aria-invalid', 'true')

      // The code as copied from the email, with the stray spaces and case of a paste.
      await field.fill(`  ${invitation.code.toLowerCase()} `)
      await page.getByRole('button', { name: 'Continue' }).click()
      await expect(page.getByRole('heading', { name: 'Welcome to phone.systems™' })).toBeVisible()
      await page.getByRole('button', { name: 'Continue' }).click()

      await page.getByRole('button', { name: 'Setup permissions' }).click()
      await expect(page.getByRole('row', { name: /Microphone/ })).toContainText('Denied')
      await expect(page.getByRole('row', { name: /Push notifications/ })).toContainText('Denied')
      await expect(page.getByText('Microphone denied: calls may not work.')).toBeVisible()
      await expect(page.getByText(/Push notifications denied/)).toBeVisible()
      await expect(
        page.getByText(/To change this later, allow phone\.systems™ in the system settings/),
      ).toBeVisible()
      await expect(page.getByText(/Focus \/ Do Not Disturb/)).toBeVisible()
      await expectAccessible(page, 'Setup permissions (denied)')
      await page.getByRole('button', { name: 'Continue' }).click()

      await expect(page.getByRole('heading', { name: 'Personal information' })).toBeVisible()
      await page.getByRole('button', { name: 'Save and continue' }).click()
      await expect(phone.ready()).toBeVisible()
      await expect(page.getByLabel('Phone number')).toBeVisible()
    } finally {
      await browser.close()
    }
  })

  test('a malformed code, a used code and an unreachable platform each say what is wrong; trying again works', async ({
    softphonePlatform: platform,
  }) => {
    const first = await platform.invite({
      firstName: 'Alan',
      lastName: 'Turing',
      email: uniqueEmail('alan'),
    })
    // Someone else's device already used this code.
    const used = await new ApiClient(platform.url).post('/api/activations', {
      code: first.code,
      deviceId: 'another-machine-0123456789',
      deviceName: 'Another laptop',
      platform: 'linux',
    })
    expect(used.status).toBe(201)

    const browser = await launchSoftphoneBrowser()
    try {
      const phone = await Softphone.open(browser, platform.url, {
        camera: 'denied',
        microphone: 'granted',
        notifications: 'granted',
      })
      const { page } = phone
      await phone.goto('/code')
      const field = page.getByLabel('Enter authentication code')
      const alert = page.getByRole('alert')
      const submit = page.getByRole('button', { name: 'Continue' })

      await field.fill('K7QF-3M9X')
      await submit.click()
      await expect(alert).toContainText('An authentication code has 12 letters and digits')

      await field.fill(first.code)
      await submit.click()
      await expect(alert).toContainText(NOT_WORKING)

      await field.fill('phonesystems://activate?code=K7QF-3M9X-PW2D')
      await submit.click()
      await expect(alert).toContainText('This is not a phone.systems activation link')

      // The admin sends a new invitation; the network is down at first.
      const code = await platform.resend(first)
      await page.route('**/api/activations', (route) => route.abort('connectionrefused'))
      await field.fill(code)
      await submit.click()
      await expect(alert).toContainText('The phone.systems platform cannot be reached')

      await page.unroute('**/api/activations')
      await submit.click()
      await expect(page.getByRole('heading', { name: 'Welcome to phone.systems™' })).toBeVisible()
    } finally {
      await browser.close()
    }
  })

  test('the desktop app opened with an activation link shows it on the code screen; Continue activates', async ({
    softphonePlatform: platform,
  }) => {
    const invitation = await platform.invite({
      firstName: 'Ida',
      lastName: 'Rhodes',
      email: uniqueEmail('ida'),
    })
    // electron/main/links/ opens this route for phonesystems://activate?… (routeForLink).
    const link = buildActivationLink(platform.url, invitation.code)
    const browser = await launchSoftphoneBrowser()
    try {
      const phone = await Softphone.open(browser, platform.url, { microphone: 'granted' })
      await phone.goto(`/code?link=${encodeURIComponent(link)}`)
      await expect(phone.page.getByLabel('Enter authentication code')).toHaveValue(link)
      await phone.page.getByRole('button', { name: 'Continue' }).click()
      await expect(
        phone.page.getByRole('heading', { name: 'Welcome to phone.systems™' }),
      ).toBeVisible()
    } finally {
      await browser.close()
    }
  })

  test('no camera: "No camera found", and the code can be entered instead', async ({
    softphonePlatform: platform,
  }) => {
    const browser = await launchSoftphoneBrowser({ noDevices: true })
    try {
      const phone = await Softphone.open(browser, platform.url, { camera: 'granted' })
      const { page } = phone
      await phone.goto('/sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByText('No camera found')).toBeVisible()
      await expectAccessible(page, 'No camera found')
      await page.getByRole('button', { name: 'Enter code manually' }).click()
      await expect(page.getByLabel('Enter authentication code')).toBeVisible()
    } finally {
      await browser.close()
    }
  })
})
