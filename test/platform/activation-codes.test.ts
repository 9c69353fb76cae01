import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { codeMailedTo, createUserWithLine } from '../fixtures/invite'
import { postFrom } from '../fixtures/local-address'
import { generateActivationCode } from '@shared/activation-code'

const DAY = 86_400_000

/**
 * Acceptance 2: used, expired, revoked and wrong codes are refused with one
 * and the same message; the 6th wrong try within a minute from one address
 * at codes starting with the same group gets 429 (security/limits.ts). The
 * platform runs on a clock the test can move forward.
 */
describe('activation codes', () => {
  let smtp: TestSmtpServer
  let platform: TestPlatform
  let admin: ApiClient
  let offset = 0

  beforeAll(async () => {
    smtp = await startSmtpServer()
    platform = await startTestPlatform(
      { PHONE_SYSTEMS_SMTP_URL: smtp.url },
      { now: () => Date.now() + offset },
    )
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
  })

  afterAll(async () => {
    await platform?.dispose()
    await smtp?.close()
  })

  const activate = (code: string, deviceId = 'machine-0001') =>
    new ApiClient(platform.url).post('/api/activations', {
      code,
      deviceId,
      deviceName: 'Test laptop',
      platform: 'linux',
    })

  it('refuses expired, used, revoked and wrong codes with the same message, then rate-limits', async () => {
    // Expired: a week and a day later.
    await createUserWithLine(admin, 'expired@example.test')
    const expiredCode = await codeMailedTo(smtp, 'expired@example.test')
    offset += 8 * DAY
    await admin.signInAdmin() // the admin's session expired too
    const expired = await activate(expiredCode)
    expect(expired.status).toBe(400)
    const message = expired.body.message as string
    expect(message).toMatch(/does not work/)
    expect(expired.body.fields).toEqual([{ field: 'code', reason: message }])

    // Used: the second use of a code that worked.
    await createUserWithLine(admin, 'used@example.test')
    const usedCode = await codeMailedTo(smtp, 'used@example.test')
    expect((await activate(usedCode, 'machine-used-1')).status).toBe(201)
    const used = await activate(usedCode, 'machine-used-2')
    expect(used.status).toBe(400)
    expect(used.body.message).toBe(message)

    // Revoked: replaced by `Send Invite to app`.
    const revokedUser = await createUserWithLine(admin, 'revoked@example.test')
    const firstCode = await codeMailedTo(smtp, 'revoked@example.test')
    expect((await admin.post(`/api/admin/users/${revokedUser}/invitations`)).status).toBe(201)
    const secondCode = await codeMailedTo(smtp, 'revoked@example.test', 1)
    expect(secondCode).not.toBe(firstCode)
    const revoked = await activate(firstCode)
    expect(revoked.status).toBe(400)
    expect(revoked.body.message).toBe(message)

    // Wrong: a well-formed code nobody was sent, and something that is no code at all.
    const wrong = await activate(generateActivationCode())
    expect(wrong.status).toBe(400)
    expect(wrong.body.message).toBe(message)
    const garbage = await activate('not a code')
    expect(garbage.body.message).toBe(message)

    // Five failures inside the minute at codes that start like the good one (a person
    // mistyping it): the sixth try is refused before it is checked…
    const prefix = secondCode.split('-')[0]!
    const nearMiss = () => `${prefix}${generateActivationCode().slice(4)}`
    for (let i = 0; i < 5; i++) expect((await activate(nearMiss())).status).toBe(400)
    const sixth = await activate(nearMiss())
    expect(sixth.status).toBe(429)
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0)
    // …even the good code, which is therefore not used up.
    expect((await activate(secondCode)).status).toBe(429)
    // Codes starting otherwise (a colleague behind the same address) are still checked.
    const otherGroup = prefix === 'AAAA' ? 'BBBB' : 'AAAA'
    expect((await activate(`${otherGroup}${generateActivationCode().slice(4)}`)).status).toBe(400)
    // Another address is not affected either.
    const other = await postFrom('127.0.0.2', `${platform.url}/api/activations`, {
      code: nearMiss(),
      deviceId: 'machine-0002',
      deviceName: 'Other laptop',
      platform: 'linux',
    })
    expect(other.status).toBe(400)

    // A minute later the address may try again, and the good code works.
    offset += 61_000
    expect((await activate(secondCode, 'machine-revoked')).status).toBe(201)
  })

  it('stores codes hashed, never in plain text', async () => {
    await createUserWithLine(admin, 'hashed@example.test')
    const code = await codeMailedTo(smtp, 'hashed@example.test')
    const rows = await platform.ctx.db.all<{ code_hash: string }>(
      'SELECT code_hash FROM invitations',
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/)
      expect(row.code_hash).not.toContain(code.replace(/-/g, ''))
    }
  })
})
