import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { codeMailedTo } from '../fixtures/invite'

/**
 * Acceptance 4: with the mail server down, the user and line are saved and
 * the invitation is `failed` with its reason; it is retried, and once the
 * server is back the retry and a resend both get through.
 */
describe('SMTP down', () => {
  let port: number
  let smtp: TestSmtpServer | undefined
  let platform: TestPlatform
  let admin: ApiClient

  beforeAll(async () => {
    // Take a free port, then close it: nothing listens there until the test says so.
    const probe = await startSmtpServer()
    port = probe.port
    await probe.close()
    platform = await startTestPlatform(
      { PHONE_SYSTEMS_SMTP_URL: `smtp://127.0.0.1:${port}` },
      { retryDelaysMs: [100, 200, 1_500, 60_000] },
    )
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    await admin.post('/api/admin/numbers', { numbers: ['+4520304060'] })
  })

  afterAll(async () => {
    await platform?.dispose()
    await smtp?.close()
  })

  it('keeps the user and line, marks the invitation failed, and delivers once SMTP is back', async () => {
    const created = await admin.post('/api/admin/users', {
      firstName: 'Mail',
      lastName: 'Less',
      email: 'mailless@example.test',
    })
    expect(created.status).toBe(201)
    const id = created.body.id as number
    const saved = await admin.put(`/api/admin/users/${id}/app-line`, { didNumber: '+4520304060' })
    expect(saved.status).toBe(200)

    // Three tries fail (immediately, after 100 ms, after 200 ms more); the fourth is scheduled.
    await vi.waitFor(
      async () => {
        const user = await admin.get(`/api/admin/users/${id}`)
        expect(user.body.invitation).toMatchObject({ status: 'failed', sendAttempts: 3 })
      },
      { timeout: 5_000, interval: 50 },
    )
    const failed = (await admin.get(`/api/admin/users/${id}`)).body
    expect(failed.status).toBe('invitation_failed')
    expect(failed.invitation.failureReason).toMatch(/ECONNREFUSED/)
    expect(failed.invitation.nextAttemptAt).not.toBeNull()
    expect(failed.line.didNumber).toBe('+4520304060')
    expect(failed.email).toBe('mailless@example.test')

    // The server comes back: the scheduled retry delivers on its own.
    smtp = await startSmtpServer(port)
    await codeMailedTo(smtp, 'mailless@example.test')
    await vi.waitFor(async () => {
      const user = await admin.get(`/api/admin/users/${id}`)
      expect(user.body.invitation).toMatchObject({
        status: 'sent',
        failureReason: null,
        nextAttemptAt: null,
      })
    })

    // And a resend goes straight through with a new code.
    const resend = await admin.post(`/api/admin/users/${id}/invitations`)
    expect(resend.status).toBe(201)
    const second = await codeMailedTo(smtp, 'mailless@example.test', 1)
    const first = await codeMailedTo(smtp, 'mailless@example.test', 0)
    expect(second).not.toBe(first)
    await vi.waitFor(async () => {
      const user = await admin.get(`/api/admin/users/${id}`)
      expect(user.body.invitation).toMatchObject({ status: 'sent', sendAttempts: 1 })
    })

    const audit = await admin.get(`/api/admin/audit?entityType=invitation&action=invitation.failed`)
    expect(audit.body.items.length).toBe(3)
    expect(audit.body.items[0].after.reason).toMatch(/ECONNREFUSED/)
  })
})
