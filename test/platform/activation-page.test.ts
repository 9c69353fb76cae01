import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { createUserWithLine } from '../fixtures/invite'
import { decodeQrPng, qrStructure } from '../fixtures/qr'
import { parseActivationPageLink } from '@shared/activation-code'

const DAY = 86_400_000
const HREF = /href="([^"]+)"/g
const URLS = /https?:\/\/\S+/g

/**
 * Issue 12: the invitation's one-click link, its download page, and the
 * email's links. Fetching the activation page, as a mail scanner does,
 * must leave the code redeemable; only the softphone's activation uses it.
 * The platform serves a stand-in app shell and runs on a clock the test moves.
 */
describe('activation page, download page and the email links', () => {
  let smtp: TestSmtpServer
  let platform: TestPlatform
  let admin: ApiClient
  let renderer: string
  let offset = 0

  beforeAll(async () => {
    smtp = await startSmtpServer()
    renderer = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-renderer-'))
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>app shell</title>')
    platform = await startTestPlatform(
      {
        PHONE_SYSTEMS_SMTP_URL: smtp.url,
        PHONE_SYSTEMS_COMPANY_NAME: 'Example Shipping',
        PHONE_SYSTEMS_TIME_ZONE: 'Europe/Copenhagen',
      },
      { rendererDir: renderer, now: () => Date.now() + offset },
    )
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
  })

  afterAll(async () => {
    await platform?.dispose()
    await smtp?.close()
    await rm(renderer, { recursive: true, force: true })
  })

  async function invite(email: string, line: Record<string, unknown> = {}) {
    const userId = await createUserWithLine(admin, email, line)
    const mail = await smtp.waitForMessage((m) => JSON.stringify(m.to).includes(email))
    const qr = mail.attachments.find((a) => a.contentType === 'image/png')!
    return { userId, mail, link: decodeQrPng(qr.content), qr }
  }

  const check = (code: string) =>
    new ApiClient(platform.url).post('/api/activations/check', { code })
  const activate = (code: string, deviceId = 'machine-of-the-test') =>
    new ApiClient(platform.url).post('/api/activations', {
      code,
      deviceId,
      deviceName: 'Laptop',
      platform: 'linux',
    })

  it('puts the activation page link, code in the fragment, in the QR code and the button', async () => {
    const { mail, link } = await invite('ada.page@example.test')
    const parsed = parseActivationPageLink(link)
    expect(parsed).toEqual({ server: platform.url, code: expect.any(String) })
    expect(link).toBe(`${platform.url}/activate#${parsed!.code.replaceAll('-', '')}`)
    expect(mail.html).toContain(`href="${link}"`)
    expect(mail.html).toContain('>Activate phone.systems</a>')
    expect(mail.text).toContain(`Activate phone.systems: ${link}`)
    expect(mail.text).toContain(parsed!.code)
  })

  it('encodes one byte-mode segment with a 4-module quiet zone at 8 px a module', async () => {
    const { qr, link } = await invite('grace.qr@example.test')
    const { PNG } = await import('pngjs')
    const image = PNG.sync.read(qr.content)
    // Modules: (4·version + 17) + 2·4 quiet; 8 px each. A link this long is version 3 at level L.
    expect(image.width).toBe(image.height)
    expect(image.width % 8).toBe(0)
    const modules = image.width / 8
    expect((modules - 8 - 17) % 4).toBe(0)
    expect(modules).toBe(4 * 3 + 17 + 8)
    // The quiet zone: the first 32 px rows and columns are white.
    const white = (x: number, y: number) => image.data[(y * image.width + x) * 4] === 255
    for (let i = 0; i < image.width; i++) {
      for (let q = 0; q < 32; q++) {
        expect(white(i, q) && white(q, i)).toBe(true)
      }
    }
    expect(qrStructure(qr.content)).toEqual({ version: 3, modes: ['byte'] })
    expect(link.length).toBeLessThanOrEqual(53) // what version 3 holds at level L in byte mode
  })

  it('writes for a desktop reader: click, the company, the numbers, the expiry in its zone', async () => {
    await admin.post('/api/admin/numbers', { numbers: ['+4533445566'] })
    const { mail } = await invite('linus.desk@example.test', { didNumber: '+4533445566' })
    const text = mail.text ?? ''
    expect(text).toContain('Example Shipping has set up phone.systems™ for you')
    expect(text).toMatch(/Your internal number \d+ and your direct number \+4533445566\./)
    expect(text).toContain('click Sign in')
    expect(text).not.toMatch(/\btap\b/i)
    expect(text).toMatch(/expires on \w+, \d{1,2} \w+ \d{4}, \d{2}:\d{2} \(Europe\/Copenhagen\)/)
    expect(mail.html).not.toMatch(/\btap\b/i)
  })

  it('answers every link of the email below 400, the text part carrying the same links', async () => {
    const { mail } = await invite('margaret.links@example.test')
    const hrefs = [...(mail.html as string).matchAll(HREF)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    )
    const texts = [...(mail.text ?? '').matchAll(URLS)].map((m) => m[0])
    expect(hrefs.length).toBeGreaterThanOrEqual(2)
    expect(new Set(texts)).toEqual(new Set(hrefs))
    for (const href of hrefs) {
      const res = await fetch(href, { redirect: 'manual' })
      expect(res.status, href).toBeLessThan(400)
    }
  })

  it('leaves the code usable when the page is fetched, twice, as a link scanner does', async () => {
    const { link } = await invite('alan.scanner@example.test')
    const code = parseActivationPageLink(link)!.code
    for (let i = 0; i < 2; i++) {
      const page = await fetch(link)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('app shell')
    }
    const state = await check(code)
    expect(state.status).toBe(200)
    expect(state.body).toEqual({ state: 'usable', expiresAt: expect.any(String) })
    expect((await activate(code)).status).toBe(201)
    expect((await check(code)).body).toEqual({ state: 'used', expiresAt: null })
  })

  it('tells a replaced and an expired code apart, and an unknown one gets the activation answer', async () => {
    const { userId, link } = await invite('edsger.states@example.test')
    const first = parseActivationPageLink(link)!.code
    const resent = await admin.post(`/api/admin/users/${userId}/invitations`)
    expect(resent.status).toBe(201)
    expect((await check(first)).body).toEqual({ state: 'revoked', expiresAt: null })

    const { link: other } = await invite('barbara.expiry@example.test')
    const code = parseActivationPageLink(other)!.code
    offset += 8 * DAY
    try {
      expect((await check(code)).body).toEqual({ state: 'expired', expiresAt: null })
    } finally {
      offset -= 8 * DAY
    }

    const unknown = await check('ZZZZ-ZZZZ-ZZZZ')
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(unknown.body)).toContain('This authentication code does not work')
  })

  it('serves /download with the web softphone, and the desktop app where configured', async () => {
    const page = await fetch(`${platform.url}/download`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    expect(html).toContain(`href="${platform.url}/"`)
    expect(html).toContain('not offered for download here yet')

    const withRelease = await startTestPlatform({
      PHONE_SYSTEMS_DOWNLOAD_URL: 'https://releases.example.com/phone-systems',
    })
    try {
      const res = await fetch(`${withRelease.url}/download`)
      const body = await res.text()
      expect(body).toContain('href="https://releases.example.com/phone-systems"')
      expect(body).toContain('Download the desktop app')
      expect(body).toContain(`href="${withRelease.url}/"`)
    } finally {
      await withRelease.dispose()
    }
  })
})
