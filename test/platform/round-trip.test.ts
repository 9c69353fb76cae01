import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ParsedMail } from 'mailparser'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { decodeQrPng } from '../fixtures/qr'
import { parseActivationPageLink } from '@shared/activation-code'
import { activationResultSchema, meSchema } from '@shared/schemas/activation'
import { userListSchema, userSchema } from '@shared/schemas/users'

const md5 = (s: string) => createHash('md5').update(s).digest('hex')

/** Acceptance 1: admin → user → line → invitation over real SMTP → activation by QR and by code. */
describe('invitation round trip over HTTP and SMTP', () => {
  let smtp: TestSmtpServer
  let platform: TestPlatform
  let admin: ApiClient

  beforeAll(async () => {
    smtp = await startSmtpServer()
    platform = await startTestPlatform({
      PHONE_SYSTEMS_SMTP_URL: smtp.url,
      PHONE_SYSTEMS_SIP_DOMAIN: 'sip.example.test',
    })
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    const added = await admin.post('/api/admin/numbers', {
      numbers: ['+45 20 30 40 50', '+4520304051', '+4520304052'],
    })
    expect(added.status).toBe(201)
    expect(added.body.added).toEqual(['+4520304050', '+4520304051', '+4520304052'])
  })

  afterAll(async () => {
    await platform?.dispose()
    await smtp?.close()
  })

  async function createInvitedUser(
    email: string,
    did: string,
  ): Promise<{ userId: number; mail: ParsedMail }> {
    const created = await admin.post('/api/admin/users', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      department: 'Engineering',
      jobTitle: 'Analyst',
      email,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ email, status: 'not_invited', line: null })
    const userId = created.body.id as number
    const line = await admin.put(`/api/admin/users/${userId}/app-line`, {
      didNumber: did,
      externalOutbound: true,
      callerIds: ['+4520304051', did],
      defaultCallerId: did,
      recording: {
        inboundInternal: false,
        inboundExternal: true,
        outboundInternal: false,
        outboundExternal: true,
      },
    })
    expect(line.status).toBe(200)
    expect(line.body.line).toMatchObject({
      didNumber: did,
      externalOutbound: true,
      defaultCallerId: did,
    })
    expect(line.body.line.internalNumber).toMatch(/^\d+$/)
    expect(line.body.invitation.status).toMatch(/pending|sent/)
    const mail = await smtp.waitForMessage(
      (m) => m.to !== undefined && JSON.stringify(m.to).includes(email),
    )
    return { userId, mail }
  }

  async function expectSubscriberMatches(
    authorizationUser: string,
    password: string,
    realm: string,
  ) {
    const row = await platform.ctx.db.get<{ ha1: string; password: string }>(
      'SELECT ha1, password FROM subscriber WHERE username = ? AND domain = ?',
      [authorizationUser, realm],
    )
    expect(row).toBeDefined()
    expect(row!.ha1).toBe(md5(`${authorizationUser}:${realm}:${password}`))
    expect(row!.password).toBe('') // only the HA1 is kept
  }

  it('activates with the link decoded from the QR code in the email', async () => {
    const { userId, mail } = await createInvitedUser('ada@example.test', '+4520304050')
    expect(mail.subject).toContain('phone.systems')
    expect(mail.html).toBeTruthy()
    expect(mail.text).toContain('/download')
    const qr = mail.attachments.find((a) => a.contentType === 'image/png')
    expect(qr?.contentId).toBeTruthy()
    // mailparser swaps a resolved cid: reference for the image itself and flags it related.
    expect(qr!.related).toBe(true)
    expect(mail.html).toContain('data:image/png;base64,')
    const link = decodeQrPng(qr!.content)
    const parsed = parseActivationPageLink(link)
    expect(parsed?.server).toBe(platform.url)
    expect(mail.text).toContain(parsed!.code)

    // The platform records the send after the SMTP server has accepted it.
    await vi.waitFor(async () => {
      const user = await admin.get(`/api/admin/users/${userId}`)
      expect(user.body.status).toBe('invited')
      expect(user.body.invitation.status).toBe('sent')
    })

    const device = new ApiClient(parsed!.server)
    const activation = await device.post('/api/activations', {
      code: link,
      deviceId: 'machine-id-of-laptop-1',
      deviceName: 'Ada’s laptop',
      platform: 'linux',
    })
    expect(activation.status).toBe(201)
    // Responses match the contracts the renderer is written against.
    const { sip, deviceToken, profile, line } = activationResultSchema.parse(activation.body)
    expect(profile).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      department: 'Engineering',
      jobTitle: 'Analyst',
    })
    expect(line.didNumber).toBe('+4520304050')
    expect(sip.uri).toBe(`sip:u${userId}@sip.example.test`)
    expect(sip.wsUri).toBe('ws://sip.example.test:8781')
    await expectSubscriberMatches(sip.authorizationUser, sip.password, 'sip.example.test')

    const aliases = await platform.ctx.db.all<{ alias_username: string }>(
      'SELECT alias_username FROM dbaliases WHERE username = ? ORDER BY alias_username',
      [`u${userId}`],
    )
    expect(aliases.map((a) => a.alias_username)).toEqual(
      ['+4520304050', line.internalNumber].sort(),
    )
    const group = await platform.ctx.db.get('SELECT 1 FROM grp WHERE username = ? AND grp = ?', [
      `u${userId}`,
      'external',
    ])
    expect(group).toBeDefined()

    device.token = deviceToken
    const me = await device.get('/api/me')
    expect(me.status).toBe(200)
    meSchema.parse(me.body)
    expect(me.body.profile.email).toBe('ada@example.test')
    const after = await admin.get(`/api/admin/users/${userId}`)
    expect(userSchema.parse(after.body)).toMatchObject({ status: 'active', activeDevices: 1 })
    const list = userListSchema.parse((await admin.get('/api/admin/users')).body)
    expect(list.items.map((u) => u.id)).toContain(userId)
    expect(after.body.invitation.status).toBe('used')
  })

  it('activates with the short code from the text part', async () => {
    const { mail } = await createInvitedUser('grace@example.test', '+4520304052')
    const code = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(mail.text ?? '')?.[1]
    expect(code).toBeDefined()
    const device = new ApiClient(platform.url)
    const activation = await device.post('/api/activations', {
      code: code!.toLowerCase(),
      deviceId: 'machine-id-of-laptop-2',
      deviceName: 'Grace’s laptop',
      platform: 'darwin',
    })
    expect(activation.status).toBe(201)
    await expectSubscriberMatches(
      activation.body.sip.authorizationUser,
      activation.body.sip.password,
      'sip.example.test',
    )
  })
})
