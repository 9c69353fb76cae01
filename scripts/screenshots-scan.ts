/**
 * The `Scan QR code` pictures for docs/softphone.md (issue 12), at 1366×768
 * and 1920×1080, plus the softphone-window ones the guide shows inline: the
 * emailed QR code in front of the webcam (activation held back so the screen
 * stays), two cameras with the `Camera` choice and the hint after 10 s, the
 * camera denied with `Open QR image`, and a picture without a code.
 * `npx tsx scripts/screenshots-scan.ts` after `npm run build`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { PNG } from 'pngjs'
import { launchChromium } from '../test/fixtures/chromium'
import { PROJECT_ROOT } from '../test/fixtures/child-platform'
import { launchSoftphoneBrowser, SOFTPHONE_FLAGS } from '../test/e2e/softphone/browser'
import { startSoftphonePlatform, type SoftphonePlatform } from '../test/e2e/softphone/platform'
import { Softphone } from '../test/e2e/softphone/softphone'
import { writeImageAsY4m } from '../test/e2e/softphone/y4m'

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots')
const SIZES = [
  { width: 1366, height: 768, suffix: '' },
  { width: 1920, height: 1080, suffix: '-1920' },
]
/** The softphone's own window, as in the other softphone pictures. */
const WINDOW = { width: 420, height: 780 }

async function save(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0)
  await page.waitForTimeout(600)
  const file = path.join(OUT, `${name}.png`)
  await page.screenshot({ path: file })
  console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`)
}

async function scanScreen(
  browser: Browser,
  platform: SoftphonePlatform,
  viewport: { width: number; height: number },
  camera: 'granted' | 'denied' = 'granted',
): Promise<Softphone> {
  const phone = await Softphone.open(
    browser,
    platform.url,
    { camera, microphone: 'granted', notifications: 'granted' },
    { viewport, colorScheme: 'light' },
  )
  // Held back, so the screen stays on `Activating…` for the picture.
  await phone.page.route('**/api/activations', () => undefined)
  await phone.goto('/')
  await phone.page.getByRole('button', { name: 'Sign in' }).click()
  await phone.page.getByRole('heading', { name: 'Scan QR code' }).waitFor()
  return phone
}

function blotches(): Buffer {
  const png = new PNG({ width: 400, height: 300 })
  for (let i = 0; i < 400 * 300; i++) {
    const v = 128 + 60 * Math.sin((i % 400) / 23) * Math.cos(Math.floor(i / 400) / 17)
    png.data.set([v, v, v, 255], i * 4)
  }
  return PNG.sync.write(png)
}

async function main(): Promise<void> {
  const platform = await startSoftphonePlatform()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scan-shots-'))
  try {
    const invite = await platform.invite(
      { firstName: 'Dan', lastName: 'Bricklin', email: 'dan@company.example' },
      {},
    )
    const video = path.join(dir, 'qr.y4m')
    await writeImageAsY4m(invite.qrPng, video, { size: 300, angle: 0 })
    const withQr = await launchSoftphoneBrowser({ videoFile: video })
    // Two fake cameras showing Chromium's test pattern: the `Camera` choice, no code to read.
    const flags = SOFTPHONE_FLAGS.map((f) =>
      f === '--use-fake-device-for-media-stream' ? `${f}=device-count=2` : f,
    )
    const twoCameras = await launchChromium(flags)
    const plain = await launchSoftphoneBrowser()
    try {
      for (const { suffix, ...viewport } of [...SIZES, { ...WINDOW, suffix: '-window' }]) {
        const scanning = await scanScreen(withQr, platform, viewport)
        await scanning.page.getByText('Activating…').waitFor({ timeout: 20_000 })
        await save(scanning.page, `softphone-scan-camera${suffix}`)
        await scanning.context.close()

        const hinting = await scanScreen(twoCameras, platform, viewport)
        await hinting.page.getByLabel('Camera', { exact: true }).waitFor()
        await hinting.page.getByText('No code read yet').waitFor({ timeout: 20_000 })
        await save(hinting.page, `softphone-scan-hint${suffix}`)
        await hinting.context.close()

        const denied = await scanScreen(plain, platform, viewport, 'denied')
        await denied.page.getByText('Camera access denied').waitFor()
        await save(denied.page, `softphone-scan-camera-denied${suffix}`)
        await denied.page.locator('input[type="file"]').setInputFiles({
          name: 'holiday.png',
          mimeType: 'image/png',
          buffer: blotches(),
        })
        await denied.page.getByText('No QR code found in this image').waitFor({ timeout: 20_000 })
        await save(denied.page, `softphone-scan-no-code${suffix}`)
        await denied.context.close()
      }
    } finally {
      await Promise.all([withQr.close(), twoCameras.close(), plain.close()])
    }
  } finally {
    await platform.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
