import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer'

export interface SentMail {
  messageId: string
  /** Where it went: the SMTP server, or a file in the outbox. */
  destination: 'smtp' | 'outbox'
  file?: string
}

export interface Mailer {
  send(message: SendMailOptions): Promise<SentMail>
  close(): void
}

/** Sends through `PHONE_SYSTEMS_SMTP_URL`. */
export function smtpMailer(smtpUrl: string): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    // Fail fast when the server is down: the invitation is retried anyway.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    async send(message) {
      const info = await transport.sendMail(message)
      return { messageId: String(info.messageId), destination: 'smtp' }
    },
    close: () => transport.close(),
  }
}

/**
 * Without an SMTP server the messages are written as .eml files, so an admin
 * can still read what would have been sent (and the Outbox page can show it).
 */
export function outboxMailer(outboxDir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true })
  return {
    async send(message) {
      const info = await transport.sendMail(message)
      await mkdir(outboxDir, { recursive: true })
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`
      const file = path.join(outboxDir, name)
      // Write then rename so a reader never sees half a message.
      await writeFile(`${file}.tmp`, info.message as Buffer)
      await rename(`${file}.tmp`, file)
      return { messageId: String(info.messageId), destination: 'outbox', file }
    },
    close: () => transport.close(),
  }
}

/** Where the outbox mailer writes, and the Outbox page reads, `.eml` files. */
export function outboxFolder(dataDir: string): string {
  return path.join(dataDir, 'outbox')
}

export function createMailer(smtpUrl: string | undefined, outboxDir: string): Mailer {
  return smtpUrl ? smtpMailer(smtpUrl) : outboxMailer(outboxDir)
}
