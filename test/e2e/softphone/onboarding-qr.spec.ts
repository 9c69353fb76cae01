import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expectAccessible } from './a11y'
import { launchSoftphoneBrowser } from './browser'
import { expect, test, uniqueEmail } from './fixtures'
import { Softphone } from './softphone'
import { writeImageAsY4m } from './y4m'

/**
 * The seed's activation, start to finish: the QR code of the invitation email
 * (received over SMTP) is what the webcam sees; scanning it activates; then
 * Welcome, permissions granted, profile saved to the platform, `Ready`.
 */
test('scanning the QR code of the invitation email activates the softphone', async ({
  softphonePlatform: platform,
}) => {
  test.setTimeout(90_000)
  const activeDevices = async (userId: number): Promise<number> => {
    const res = await platform.api.get(`/api/admin/users/${userId}/devices`)
    return (res.body.items as { revokedAt: string | null }[]).filter((d) => !d.revokedAt).length
  }
  const email = uniqueEmail('grace')
  const invitation = await platform.invite(
    { firstName: 'Grace', lastName: 'Hopper', email, jobTitle: 'Engineer', department: 'R&D' },
    {},
  )
  expect(invitation.link).toMatch(/^phonesystems:\/\/activate\?/)

  const dir = await mkdtemp(path.join(os.tmpdir(), 'softphone-qr-'))
  const video = path.join(dir, 'invitation-qr.y4m')
  await writeImageAsY4m(invitation.qrPng, video)
  const browser = await launchSoftphoneBrowser({ videoFile: video })
  try {
    const phone = await Softphone.open(browser, platform.url, {
      camera: 'granted',
      microphone: 'granted',
      notifications: 'granted',
    })
    const { page } = phone
    await phone.goto('/')
    await expect(page).toHaveURL(/\/sign-in$/)
    await expectAccessible(page, 'Sign-in')

    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { name: 'Scan QR code' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Enter code manually' })).toBeVisible()

    // The fake webcam shows the email's QR code: activation happens without a click.
    await expect(page.getByRole('heading', { name: 'Welcome to phone.systems™' })).toBeVisible({
      timeout: 30_000,
    })
    await expectAccessible(page, 'Welcome')
    await page.getByRole('button', { name: 'Continue' }).click()

    await expect(page.getByRole('heading', { name: 'Permissions' })).toBeVisible()
    await page.getByRole('button', { name: 'Setup permissions' }).click()
    await expect(page.getByRole('row', { name: /Microphone/ })).toContainText('Granted')
    await expect(page.getByRole('row', { name: /Push notifications/ })).toContainText('Granted')
    await expect(page.getByText(/calls may not work/)).toHaveCount(0)
    await expectAccessible(page, 'Setup permissions')
    await page.getByRole('button', { name: 'Continue' }).click()

    await expect(page.getByRole('heading', { name: 'Personal information' })).toBeVisible()
    await expect(page.getByLabel('First Name')).toHaveValue('Grace')
    await expect(page.getByLabel('Last Name')).toHaveValue('Hopper')
    await expect(page.getByLabel('Job Title')).toHaveValue('Engineer')
    await expect(page.getByLabel('Department')).toHaveValue('R&D')
    await expectAccessible(page, 'Personal information')
    await page.getByLabel('Job Title').fill('Rear Admiral')
    await page.getByRole('button', { name: 'Save and continue' }).click()

    await expect(phone.ready()).toBeVisible()
    await expect(page.getByLabel('Phone number')).toBeVisible()
    await expectAccessible(page, 'dialer')

    // Saved to the platform, and this browser is now one of the user's devices.
    const user = await platform.api.get(`/api/admin/users/${invitation.userId}`)
    expect(user.body.jobTitle).toBe('Rear Admiral')
    expect(await activeDevices(invitation.userId)).toBe(1)

    // The activation survives a restart: a fresh load goes straight to a registered dialer.
    await page.reload()
    await expect(phone.ready()).toBeVisible()
    await expect(page).toHaveURL(`${platform.url}/`)

    // `Sign out` deactivates this device on the platform and returns to Sign in.
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    expect(await activeDevices(invitation.userId)).toBe(0)
    await page.reload()
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  } finally {
    await browser.close()
    await rm(dir, { recursive: true, force: true })
  }
})
