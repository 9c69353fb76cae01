/**
 * `npx tsx scripts/screenshots-softphone.ts`: PNGs of each softphone screen for
 * docs/softphone.md, taken from the built app (run `npx electron-vite build`
 * first) served by a real platform with Kamailio, two softphones calling each
 * other. Light theme, plus the dialer in a call in dark. Not part of npm test.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { PROJECT_ROOT } from '../test/fixtures/child-platform'
import { launchSoftphoneBrowser } from '../test/e2e/softphone/browser'
import { startSoftphonePlatform } from '../test/e2e/softphone/platform'
import { Softphone } from '../test/e2e/softphone/softphone'
import { writeImageAsY4m } from '../test/e2e/softphone/y4m'

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots')
/** About the window of a desktop softphone. */
const WINDOW = { viewport: { width: 420, height: 780 }, colorScheme: 'light' as const }
const GRANTED = { camera: 'granted', microphone: 'granted', notifications: 'granted' } as const

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  // No hover effect from the last click; let the camera picture and timers settle.
  await page.mouse.move(0, 0)
  await page.waitForTimeout(500)
  const file = path.join(OUT, `softphone-${name}.png`)
  if (fullPage) {
    // A window as tall as the page rather than a full-page capture, which would
    // leave the sticky navigation in the middle of the picture.
    const height = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } })
          .document.documentElement.scrollHeight,
    )
    await page.setViewportSize({ width: WINDOW.viewport.width, height })
  }
  await page.screenshot({ path: file })
  if (fullPage) await page.setViewportSize(WINDOW.viewport)
  console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`)
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true })
  const platform = await startSoftphonePlatform()
  const browser = await launchSoftphoneBrowser()
  try {
    await platform.addNumbers(['+4520304050', '+4520304051', '+4520304060'])
    const adaInvite = await platform.invite(
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@company.example',
        jobTitle: 'Head of Support',
        department: 'Support',
      },
      {
        didNumber: '+4520304050',
        callerIds: ['+4520304050', '+4520304060'],
        defaultCallerId: '+4520304050',
      },
    )
    const bobInvite = await platform.invite(
      { firstName: 'Bob', lastName: 'Kahn', email: 'bob@company.example', department: 'Sales' },
      { didNumber: '+4520304051' },
    )
    const cydInvite = await platform.invite({
      firstName: 'Cyd',
      lastName: 'Charisse',
      email: 'cyd@company.example',
    })

    // Ada: the seed's flow, screen by screen.
    const ada = await Softphone.open(browser, platform.url, GRANTED, WINDOW)
    const page = ada.page
    await ada.goto('/')
    await shot(page, 'sign-in')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Enter code manually' }).click()
    await page.getByLabel('Enter authentication code').fill(adaInvite.code)
    await shot(page, 'enter-authentication-code')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Welcome to phone.systems™' }).waitFor()
    await shot(page, 'welcome')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Setup permissions' }).click()
    await page
      .getByRole('row', { name: /Push notifications/ })
      .getByText('Granted')
      .waitFor()
    await shot(page, 'setup-permissions')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Department').waitFor()
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { value: string } | null }
          }
        ).document.querySelector('#profile-department')?.value === 'Support',
    )
    await shot(page, 'personal-information')
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await ada.ready().waitFor()
    await page.getByLabel('Phone number').fill(bobInvite.internalNumber)
    await shot(page, 'dialer-ready')

    // Cyd: the camera and then everything else denied.
    const cyd = await Softphone.open(
      browser,
      platform.url,
      { camera: 'denied', microphone: 'denied', notifications: 'denied' },
      WINDOW,
    )
    await cyd.goto('/')
    await cyd.page.getByRole('button', { name: 'Sign in' }).click()
    await cyd.page.getByText('Camera access denied').waitFor()
    await shot(cyd.page, 'camera-access-denied')
    await cyd.activateWithCode(cydInvite.code)
    await cyd.page.getByRole('button', { name: 'Continue' }).click()
    await cyd.page.getByRole('button', { name: 'Setup permissions' }).click()
    await cyd.page.getByText('Microphone denied: calls may not work.').waitFor()
    await shot(cyd.page, 'permissions-denied', true)
    await cyd.close()

    // Dan holds his invitation's QR code up to the webcam; the picture is taken
    // while his activation is on its way (held back here so the screen stays).
    const danInvite = await platform.invite({
      firstName: 'Dan',
      lastName: 'Bricklin',
      email: 'dan@company.example',
    })
    const dir = await mkdtemp(path.join(os.tmpdir(), 'softphone-shots-'))
    const video = path.join(dir, 'qr.y4m')
    await writeImageAsY4m(danInvite.qrPng, video)
    const camera = await launchSoftphoneBrowser({ videoFile: video })
    try {
      const dan = await Softphone.open(camera, platform.url, GRANTED, WINDOW)
      await dan.page.route('**/api/activations', () => undefined)
      await dan.goto('/')
      await dan.page.getByRole('button', { name: 'Sign in' }).click()
      await dan.page.getByText('Activating…').waitFor({ timeout: 20_000 })
      await shot(dan.page, 'scan-qr-code')
    } finally {
      await camera.close()
      await rm(dir, { recursive: true, force: true })
    }

    // Bob calls Ada: her incoming call; she answers: the call on both sides.
    const bob = await Softphone.open(browser, platform.url, GRANTED, WINDOW)
    await bob.activateWithCode(bobInvite.code)
    await bob.finishOnboarding()
    await page.getByLabel('Phone number').fill('')
    await bob.dial(adaInvite.internalNumber)
    await ada.incoming().waitFor()
    await shot(page, 'incoming-call')
    await ada.incoming().getByRole('button', { name: 'Answer' }).click()
    await page.getByRole('button', { name: 'Hang up' }).waitFor()
    await page.waitForTimeout(4500)
    await shot(page, 'in-call')
    await page.emulateMedia({ colorScheme: 'dark' })
    await shot(page, 'in-call-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('button', { name: 'Hang up' }).click()

    // A call Ada misses, then her history with the badge.
    await bob.dial(adaInvite.internalNumber)
    await ada.incoming().waitFor()
    await page.waitForTimeout(1500)
    await bob.page.getByRole('button', { name: 'Hang up' }).click()
    await ada.incoming().waitFor({ state: 'detached' })
    await page.getByLabel('Phone number').waitFor()
    await shot(page, 'dialer-missed-call')
    await page.getByRole('link', { name: /History/ }).click()
    await page.getByRole('heading', { name: 'Call history' }).waitFor()
    await shot(page, 'history')
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    await shot(page, 'settings', true)
    await bob.close()
    await ada.close()
  } finally {
    await browser.close()
    await platform.stop()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
