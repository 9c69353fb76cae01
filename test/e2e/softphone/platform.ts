import type { ParsedMail } from 'mailparser'
import { ApiClient } from '../../fixtures/platform'
import type { ChildServer } from '../../fixtures/child-platform'
import { decodeQrPng } from '../../fixtures/qr'
import { freePort } from '../../fixtures/sipp'
import { startSmtpServer, type TestSmtpServer } from '../../fixtures/smtp-server'
import { startBuiltServer } from '../built-server'

export const SIP_DOMAIN = 'sip.example.test'

/** What an invitation email carried, read the way a person would use it. */
export interface Invitation {
  userId: number
  email: string
  /** The authentication code in the text, e.g. `K7QF-3M9X-PW2D`. */
  code: string
  /** The QR code's PNG as attached to the email. */
  qrPng: Buffer
  /** What the QR code says (decoded with jsqr): the activation link. */
  link: string
  /** The line's internal number, as the platform assigned it. */
  internalNumber: string
}

export interface SoftphonePlatform {
  url: string
  smtp: TestSmtpServer
  /** Signed in as the fixture admin, for arranging users and lines. */
  api: ApiClient
  server: ChildServer
  /** Creates a user with a line; resolves with the invitation the platform mailed. */
  invite(
    user: {
      firstName: string
      lastName: string
      email: string
      jobTitle?: string
      department?: string
    },
    line?: Record<string, unknown>,
  ): Promise<Invitation>
  /** `Send Invite to app` again: resolves with the new code (the old one dies). */
  resend(invitation: Invitation): Promise<string>
  /** Adds DIDs to the inventory (needed before a line can use them). */
  addNumbers(numbers: string[]): Promise<void>
  stop(): Promise<void>
}

const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/

function invitationParts(mail: ParsedMail): { code: string; qrPng: Buffer } {
  const code = CODE.exec(mail.text ?? '')?.[1]
  const qr = mail.attachments.find((a) => a.contentType === 'image/png')
  if (!code || !qr) throw new Error(`no code or QR code in the mail "${mail.subject}"`)
  return { code, qrPng: qr.content }
}

/**
 * The built server (`node out/main/serve.js`, as `npm run serve`) with a real
 * Kamailio on free ports, a real SMTP server, a fresh data folder and the
 * fixture admin: what a softphone needs to activate and call.
 */
export async function startSoftphonePlatform(
  extraEnv: Record<string, string> = {},
): Promise<SoftphonePlatform> {
  const smtp = await startSmtpServer()
  const ports = { sip: await freePort(), ws: await freePort(), rpc: await freePort() }
  const built = await startBuiltServer({
    admin: true,
    smtpUrl: smtp.url,
    env: {
      PHONE_SYSTEMS_KAMAILIO: 'kamailio',
      PHONE_SYSTEMS_SIP_DOMAIN: SIP_DOMAIN,
      PHONE_SYSTEMS_SIP_PORT: String(ports.sip),
      PHONE_SYSTEMS_SIP_WS_PORT: String(ports.ws),
      PHONE_SYSTEMS_SIP_RPC_PORT: String(ports.rpc),
      PHONE_SYSTEMS_SIP_WS_URL: `ws://127.0.0.1:${ports.ws}`,
      ...extraEnv,
    },
    startTimeoutMs: 30_000,
  })
  const server = built.server
  const api = new ApiClient(server.url)
  await api.signInAdmin()

  return {
    url: server.url,
    smtp,
    api,
    server,
    async invite(user, line = {}) {
      const created = await api.post('/api/admin/users', {
        jobTitle: '',
        department: '',
        ...user,
      })
      if (created.status !== 201) throw new Error(`create user: ${JSON.stringify(created.body)}`)
      const userId = created.body.id as number
      const saved = await api.put(`/api/admin/users/${userId}/app-line`, line)
      if (saved.status !== 200) throw new Error(`save line: ${JSON.stringify(saved.body)}`)
      const mail = await smtp.waitForMessage((m) => JSON.stringify(m.to).includes(user.email))
      const { code, qrPng } = invitationParts(mail)
      return {
        userId,
        email: user.email,
        code,
        qrPng,
        link: decodeQrPng(qrPng),
        internalNumber: saved.body.line.internalNumber as string,
      }
    },
    async resend(invitation) {
      const mailsTo = () =>
        smtp.messages.filter((m) => JSON.stringify(m.to).includes(invitation.email))
      const before = mailsTo().length
      const res = await api.post(`/api/admin/users/${invitation.userId}/invitations`)
      if (res.status !== 201) throw new Error(`resend: ${JSON.stringify(res.body)}`)
      await smtp.waitForMessage(() => mailsTo().length > before)
      return invitationParts(mailsTo()[before]!).code
    },
    async addNumbers(numbers) {
      const res = await api.post('/api/admin/numbers', { numbers })
      if (res.status !== 201) throw new Error(`add numbers: ${JSON.stringify(res.body)}`)
    },
    async stop() {
      await built.stop()
      await smtp.close()
    },
  }
}
