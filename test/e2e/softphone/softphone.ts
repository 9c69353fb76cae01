import { fileURLToPath } from 'node:url'
import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test'
import { setPermissions, type Permissions } from './browser'

/** A notification the app asked the system to show, as reported by the init script. */
export interface ShownNotification {
  title: string
  body: string
  tag: string
  actions: string[]
}

/** observe-page.js: installed in every page before the app loads. */
const OBSERVER = fileURLToPath(new URL('./observe-page.js', import.meta.url))

/** What observe-page.js leaves in the page, as `page.evaluate` callbacks see it. */
interface Observed {
  __e2e: {
    peerConnections: {
      connectionState: string
      getStats(): Promise<{ forEach(cb: (s: AudioStats) => void): void }>
    }[]
  }
  navigator: {
    serviceWorker: {
      getRegistration(): Promise<{ getNotifications(): Promise<{ title: string }[]> } | undefined>
    }
  }
}

interface PasteTarget {
  DataTransfer: new () => { setData(type: string, value: string): void }
  ClipboardEvent: new (type: string, init: object) => object
  document: { activeElement: { dispatchEvent(event: object): boolean } | null }
}

interface AudioStats {
  type: string
  kind?: string
  bytesReceived?: number
  bytesSent?: number
}

/** One softphone: its own browser context (storage, permissions) on the platform. */
export class Softphone {
  readonly notifications: ShownNotification[] = []

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly origin: string,
  ) {}

  static async open(
    browser: Browser,
    origin: string,
    permissions: Partial<Permissions>,
    contextOptions: BrowserContextOptions = {},
  ): Promise<Softphone> {
    const context = await browser.newContext({
      viewport: { width: 480, height: 860 },
      ...contextOptions,
    })
    const page = await context.newPage()
    const phone = new Softphone(context, page, origin)
    await context.exposeFunction('__reportNotification', (n: ShownNotification) =>
      phone.notifications.push(n),
    )
    await context.addInitScript({ path: OBSERVER })
    await setPermissions(context, page, origin, permissions)
    page.on('pageerror', (err) => console.error(`softphone page error: ${err.message}`))
    // SOFTPHONE_DEBUG=1 shows what the app logs, for a failing test that needs a closer look.
    if (process.env.SOFTPHONE_DEBUG)
      page.on('console', (m) => console.log(`[softphone ${m.type()}] ${m.text()}`))
    return phone
  }

  goto(path = '/'): Promise<unknown> {
    return this.page.goto(`${this.origin}${path}`)
  }

  /** Sign in → `Enter code manually` → the code → `Continue`, up to the Welcome screen. */
  async activateWithCode(code: string): Promise<void> {
    const page = this.page
    await this.goto('/')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Enter code manually' }).click()
    await page.getByLabel('Enter authentication code').fill(code)
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByRole('heading', { name: 'Welcome to phone.systems™' })).toBeVisible()
  }

  /** Welcome → permissions (asked) → profile as prefilled → the dialer, `Ready`. */
  async finishOnboarding(): Promise<void> {
    const page = this.page
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Setup permissions' }).click()
    await expect(page.getByRole('row', { name: /Microphone/ })).not.toContainText('Not asked yet')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByLabel('First Name')).not.toHaveValue('')
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await expect(this.ready()).toBeVisible()
  }

  /** The registration status when it says `Ready`. */
  ready() {
    return this.page.getByRole('status').filter({ hasText: /^Ready$/ })
  }

  /** Types a number into `Phone number` and presses `Call`. */
  async dial(number: string): Promise<void> {
    await this.page.getByLabel('Phone number').fill(number)
    await this.page.getByRole('button', { name: 'Call', exact: true }).click()
  }

  /** The incoming call panel (a dialog named `Incoming call`). */
  incoming() {
    return this.page.getByRole('dialog', { name: 'Incoming call' })
  }

  /** Audio bytes received and sent over every call so far, from WebRTC's statistics. */
  audioBytes(): Promise<{ received: number; sent: number }> {
    return this.page.evaluate(async () => {
      const page = globalThis as unknown as Observed
      let received = 0
      let sent = 0
      for (const pc of page.__e2e.peerConnections) {
        if (pc.connectionState === 'closed') continue
        const stats = await pc.getStats()
        stats.forEach((s) => {
          if (s.kind !== 'audio') return
          if (s.type === 'inbound-rtp') received += s.bytesReceived ?? 0
          if (s.type === 'outbound-rtp') sent += s.bytesSent ?? 0
        })
      }
      return { received, sent }
    })
  }

  /** Waits until audio arrives and leaves beyond `above` bytes in both directions. */
  async expectAudioBothWays(above = { received: 0, sent: 0 }): Promise<void> {
    await expect
      .poll(
        async () => {
          const now = await this.audioBytes()
          return now.received > above.received + 1000 && now.sent > above.sent + 1000
        },
        { timeout: 10_000 },
      )
      .toBe(true)
  }

  /** A clipboard paste of `text` into the focused field, as Ctrl+V delivers it. */
  paste(text: string): Promise<void> {
    return this.page.evaluate((pasted) => {
      const page = globalThis as unknown as PasteTarget
      const data = new page.DataTransfer()
      data.setData('text/plain', pasted)
      const event = new page.ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      })
      page.document.activeElement?.dispatchEvent(event)
    }, text)
  }

  /** Notifications the service worker still shows for this origin. */
  shownNotifications(): Promise<string[]> {
    return this.page.evaluate(async () => {
      const page = globalThis as unknown as Observed
      const reg = await page.navigator.serviceWorker.getRegistration()
      return ((await reg?.getNotifications()) ?? []).map((n) => n.title)
    })
  }

  close(): Promise<void> {
    return this.context.close()
  }
}
