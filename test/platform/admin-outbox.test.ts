import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { createUserWithLine } from '../fixtures/invite'
import { decodeQrPng } from '../fixtures/qr'
import { outboxListSchema } from '@shared/schemas/outbox'

const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/

/** The Outbox page's API: invitations written to disk while no SMTP server is configured. */
describe('admin outbox', () => {
  let platform: TestPlatform
  let admin: ApiClient

  beforeAll(async () => {
    platform = await startTestPlatform()
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
  })

  afterAll(async () => {
    await platform?.dispose()
  })

  it('is enabled without SMTP and empty before the first mail', async () => {
    expect((await admin.get('/api/admin/outbox/status')).body).toEqual({ enabled: true })
    expect((await admin.get('/api/admin/outbox')).body).toEqual({
      enabled: true,
      total: 0,
      items: [],
    })
  })

  it('shows each invitation as mailed, newest first, with the QR code inline', async () => {
    await createUserWithLine(admin, 'first.outbox@example.test')
    await createUserWithLine(admin, 'second.outbox@example.test')
    const list = await vi.waitFor(
      async () => {
        const res = await admin.get('/api/admin/outbox')
        expect(res.body.total).toBe(2)
        return outboxListSchema.parse(res.body)
      },
      { timeout: 10_000 },
    )
    expect(list.items.map((m) => m.to)).toEqual([
      'second.outbox@example.test',
      'first.outbox@example.test',
    ])
    const [newest] = list.items
    expect(newest!.subject).toMatch(/phone\.systems/)
    expect(Date.parse(newest!.date)).toBeGreaterThan(Date.now() - 60_000)
    const code = CODE.exec(newest!.text)?.[1]
    expect(code).toBeDefined()
    expect(newest!.html).not.toContain('cid:')
    const dataUri = /src="data:image\/png;base64,([^"]+)"/.exec(newest!.html ?? '')?.[1]
    expect(dataUri).toBeDefined()
    const link = decodeQrPng(Buffer.from(dataUri!, 'base64'))
    expect(link).toBe(`${platform.url}/activate#${code!.replaceAll('-', '')}`)

    const one = await admin.get('/api/admin/outbox?limit=1')
    expect(one.body.total).toBe(2)
    expect(one.body.items).toHaveLength(1)
  })

  it('ignores files that are not messages and refuses a bad limit', async () => {
    await writeFile(path.join(platform.dataDir, 'outbox', 'notes.txt'), 'not a mail')
    expect((await admin.get('/api/admin/outbox')).body.total).toBe(2)
    for (const limit of ['0', '201', 'abc', '1.5']) {
      const res = await admin.get(`/api/admin/outbox?limit=${limit}`)
      expect(res.status).toBe(400)
      expect(res.body.fields).toEqual([{ field: 'limit', reason: expect.any(String) }])
    }
    expect((await admin.get('/api/admin/outbox?other=1')).status).toBe(400)
  })

  it('needs an admin session', async () => {
    const anonymous = new ApiClient(platform.url)
    expect((await anonymous.get('/api/admin/outbox')).status).toBe(401)
    expect((await anonymous.get('/api/admin/outbox/status')).status).toBe(401)
  })
})

describe('admin outbox with SMTP configured', () => {
  let smtp: TestSmtpServer
  let platform: TestPlatform

  beforeAll(async () => {
    smtp = await startSmtpServer()
    platform = await startTestPlatform({ PHONE_SYSTEMS_SMTP_URL: smtp.url })
  })

  afterAll(async () => {
    await platform?.dispose()
    await smtp?.close()
  })

  it('is disabled', async () => {
    const admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    expect((await admin.get('/api/admin/outbox/status')).body).toEqual({ enabled: false })
    expect((await admin.get('/api/admin/outbox')).body).toMatchObject({ enabled: false, total: 0 })
  })
})
