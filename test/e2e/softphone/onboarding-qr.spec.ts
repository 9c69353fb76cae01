import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from '@playwright/test'
import { PNG } from 'pngjs'
import { expectAccessible } from './a11y'
import { launchChromium } from '../../fixtures/chromium'
import { launchSoftphoneBrowser, SOFTPHONE_FLAGS } from './browser'
import { expect, test, uniqueEmail, type SoftphonePlatform } from './fixtures'
import { Softphone } from './softphone'
import { writeImageAsY4m, type StillPicture } from './y4m'

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

const WELCOME = 'Welcome to phone.systems™'
/** Functional, not timed: long enough for a slow CI machine to start a camera and decode. */
const ACTIVATED_WITHIN = { timeout: 30_000 }

/** A fresh user's invitation, received over SMTP: its QR PNG is what the tests show the app. */
async function inviteUser(platform: SoftphonePlatform, name: string) {
  return platform.invite(
    {
      firstName: name,
      lastName: 'Tester',
      email: uniqueEmail(name.toLowerCase()),
      department: 'QA',
    },
    {},
  )
}

/** Opens `Scan QR code` in a fresh context of `browser`. */
async function openScanScreen(
  browser: Browser,
  platform: SoftphonePlatform,
  camera: 'granted' | 'denied',
): Promise<Page> {
  const phone = await Softphone.open(browser, platform.url, {
    camera,
    microphone: 'granted',
    notifications: 'granted',
  })
  await phone.goto('/')
  await phone.page.getByRole('button', { name: 'Sign in' }).click()
  await expect(phone.page.getByRole('heading', { name: 'Scan QR code' })).toBeVisible()
  return phone.page
}

/** A webcam that shows `png` held perfectly still, in a browser of its own. */
async function withStillCamera(
  png: Buffer,
  picture: StillPicture,
  use: (browser: Browser) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'softphone-qr-still-'))
  const video = path.join(dir, 'still.y4m')
  await writeImageAsY4m(png, video, picture)
  const browser = await launchSoftphoneBrowser({ videoFile: video })
  try {
    await use(browser)
  } finally {
    await browser.close()
    await rm(dir, { recursive: true, force: true })
  }
}

test.describe('a still webcam picture of the emailed QR code', () => {
  // The case the moving video hides: html5-qrcode's zxing never reads some still frames.
  test('held straight and sharp, it activates', async ({ softphonePlatform: platform }) => {
    test.setTimeout(90_000)
    const invitation = await inviteUser(platform, 'Still')
    await withStillCamera(invitation.qrPng, { size: 300, angle: 0 }, async (browser) => {
      const page = await openScanScreen(browser, platform, 'granted')
      await expect(page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
    })
  })

  test('turned 20° and slightly out of focus, it activates', async ({
    softphonePlatform: platform,
  }) => {
    test.setTimeout(90_000)
    const invitation = await inviteUser(platform, 'Tilted')
    await withStillCamera(
      invitation.qrPng,
      { size: 280, angle: 20, blur: 1.2 },
      async (browser) => {
        const page = await openScanScreen(browser, platform, 'granted')
        await expect(page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
      },
    )
  })

  test('in a dim room (low contrast, sensor noise), it activates', async ({
    softphonePlatform: platform,
  }) => {
    // html5-qrcode's decoder reads none of these frames (npm run bench -- qr): only the
    // app's own decoders can, so this one fails if they do not run on the camera.
    test.setTimeout(90_000)
    const invitation = await inviteUser(platform, 'Dim')
    await withStillCamera(invitation.qrPng, { size: 300, angle: 3, dim: true }, async (browser) => {
      const page = await openScanScreen(browser, platform, 'granted')
      await expect(page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
    })
  })
})

/** qr-transfer-page.js: files built in the page and sent by paste or drop events. */
const TRANSFER_SCRIPT = fileURLToPath(new URL('./qr-transfer-page.js', import.meta.url))

interface TransferPage {
  __qrTransfer: Record<
    'paste' | 'drop',
    (base64: string, kind: 'png' | 'screenshot') => Promise<void>
  >
}

/** Pastes or drops `png` (or a screenshot with it inside) on the page, as a user would. */
async function transfer(
  page: Page,
  how: 'paste' | 'drop',
  png: Buffer,
  kind: 'png' | 'screenshot',
): Promise<void> {
  // Evaluated rather than added as a <script>: the app's CSP allows no inline scripts.
  await page.evaluate(await readFile(TRANSFER_SCRIPT, 'utf8'))
  await page.evaluate(
    ([how, base64, kind]) =>
      (globalThis as unknown as TransferPage).__qrTransfer[how](base64, kind),
    [how, png.toString('base64'), kind] as const,
  )
}

test.describe('a QR image instead of the camera', () => {
  test.setTimeout(90_000)
  let browser: Browser
  test.beforeAll(async () => {
    // The default fake camera (a test pattern, no QR code): only the picture can activate.
    browser = await launchSoftphoneBrowser()
  })
  test.afterAll(async () => {
    await browser.close()
  })

  test('Open QR image with the email’s PNG activates, also with the camera denied', async ({
    softphonePlatform: platform,
  }) => {
    const invitation = await inviteUser(platform, 'Opener')
    const page = await openScanScreen(browser, platform, 'denied')
    await expect(page.getByText('Camera access denied')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Open QR image' })).toBeVisible()
    await expectAccessible(page, 'Camera access denied, with Open QR image')
    await page.locator('input[type="file"]').setInputFiles({
      name: 'activation-qr.png',
      mimeType: 'image/png',
      buffer: invitation.qrPng,
    })
    await expect(page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
  })

  test('a pasted screenshot of the email activates', async ({ softphonePlatform: platform }) => {
    const invitation = await inviteUser(platform, 'Paster')
    const page = await openScanScreen(browser, platform, 'granted')
    await transfer(page, 'paste', invitation.qrPng, 'screenshot')
    await expect(page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
  })

  test('a dropped QR image activates', async ({ softphonePlatform: platform }) => {
    const invitation = await inviteUser(platform, 'Dropper')
    const page = await openScanScreen(browser, platform, 'granted')
    await transfer(page, 'drop', invitation.qrPng, 'png')
    await expect(page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
  })

  test('pasted text (the code from the email) activates like a scan', async ({
    softphonePlatform: platform,
  }) => {
    const invitation = await inviteUser(platform, 'Texter')
    const page = await openScanScreen(browser, platform, 'granted')
    await page.evaluate((code) => {
      const scope = globalThis as unknown as PasteScope
      const data = new scope.DataTransfer()
      data.setData('text/plain', `  ${code}\n`)
      scope.document.body.dispatchEvent(
        new scope.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    }, invitation.code)
    await expect(page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
  })

  test('the email paragraph with its link, pasted on the Sign-in screen, activates there', async ({
    softphonePlatform: platform,
  }) => {
    const invitation = await inviteUser(platform, 'Signer')
    const phone = await Softphone.open(browser, platform.url, { camera: 'granted' })
    await phone.goto('/sign-in')
    await expect(phone.page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    await phone.page.evaluate((link) => {
      const scope = globalThis as unknown as PasteScope
      const data = new scope.DataTransfer()
      data.setData('text/plain', `Activate phone.systems: ${link}\n\nOr set it up yourself:`)
      scope.document.body.dispatchEvent(
        new scope.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    }, invitation.link)
    await expect(phone.page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
  })

  test('a QR image pasted on the code screen, outside the field, activates', async ({
    softphonePlatform: platform,
  }) => {
    const invitation = await inviteUser(platform, 'Coder')
    const phone = await Softphone.open(browser, platform.url, { camera: 'granted' })
    await phone.goto('/code')
    await expect(phone.page.getByLabel('Enter authentication code')).toBeVisible()
    await transfer(phone.page, 'paste', invitation.qrPng, 'png')
    await expect(phone.page.getByRole('heading', { name: WELCOME })).toBeVisible(ACTIVATED_WITHIN)
  })

  test('a picture without a QR code says so and stays on Scan QR code', async ({
    softphonePlatform: platform,
  }) => {
    const page = await openScanScreen(browser, platform, 'granted')
    await page.locator('input[type="file"]').setInputFiles({
      name: 'holiday.png',
      mimeType: 'image/png',
      buffer: noisePng(),
    })
    await expect(page.getByRole('alert')).toContainText('No QR code found in this image', {
      timeout: 20_000,
    })
    await expect(page.getByRole('heading', { name: 'Scan QR code' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Open QR image' })).toBeEnabled()
    await expectAccessible(page, 'Scan QR code: no QR code in the image')
  })
})

/** The page globals a text paste needs, as `page.evaluate` callbacks see them. */
interface PasteScope {
  DataTransfer: new () => { setData(type: string, value: string): void }
  ClipboardEvent: new (type: string, init: object) => object
  document: { body: { dispatchEvent(event: object): boolean } }
}

test('with two cameras, the Camera choice switches and is remembered; no code for 10 s shows the hint', async ({
  softphonePlatform: platform,
}) => {
  test.setTimeout(90_000)
  // Chromium's fake capture with two devices (test patterns): the choice appears only then.
  const flags = SOFTPHONE_FLAGS.map((f) =>
    f === '--use-fake-device-for-media-stream' ? `${f}=device-count=2` : f,
  )
  const browser = await launchChromium(flags)
  try {
    const page = await openScanScreen(browser, platform, 'granted')
    const camera = page.getByLabel('Camera', { exact: true })
    await expect(camera.locator('option')).toHaveCount(2)
    const [first, second] = await camera
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))
    await expect(camera).toHaveValue(first!)
    await camera.selectOption(second!)
    await expect(page.getByRole('img', { name: 'Camera picture' })).toBeVisible()
    await expect(camera).toHaveValue(second!)

    // A restart: the scan screen loads afresh and starts the camera chosen last time.
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Scan QR code' })).toBeVisible()
    await expect(page.getByLabel('Camera', { exact: true })).toHaveValue(second!)
    await expectAccessible(page, 'Scan QR code with two cameras')

    // The test pattern holds no code: after 10 s the screen suggests what to try.
    await expect(page.getByRole('status').filter({ hasText: 'No code read yet' })).toContainText(
      'hold it still',
      { timeout: 30_000 },
    )
    await expectAccessible(page, 'Scan QR code with the hint')
  } finally {
    await browser.close()
  }
})

/** A 400×300 picture of grey blotches: an image, but nothing like a QR code. */
function noisePng(): Buffer {
  const png = new PNG({ width: 400, height: 300 })
  let seed = 11
  for (let i = 0; i < 400 * 300; i++) {
    seed = (seed * 16807) % 2147483647
    const x = i % 400
    const y = Math.floor(i / 400)
    const v = 128 + 60 * Math.sin(x / 23) * Math.cos(y / 17) + (seed % 40)
    png.data.set([v, v, v, 255], i * 4)
  }
  return PNG.sync.write(png)
}
