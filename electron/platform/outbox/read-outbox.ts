import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import type { OutboxMessage } from '@shared/schemas/outbox'

/**
 * The messages the outbox mailer wrote, newest first. File names start with
 * the ISO time of writing, so sorting names sorts by time without opening
 * the files; only the `limit` newest are parsed.
 */
export async function readOutbox(
  dir: string,
  limit: number,
): Promise<{ total: number; items: OutboxMessage[] }> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.eml'))
  } catch (err) {
    // No mail written yet: the folder appears with the first message.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { total: 0, items: [] }
    throw err
  }
  names.sort().reverse()
  const items = await Promise.all(
    names.slice(0, limit).map((name) => readMessage(path.join(dir, name))),
  )
  return { total: names.length, items }
}

async function readMessage(file: string): Promise<OutboxMessage> {
  // simpleParser turns `cid:` references into data: URIs of the attached
  // images, so the QR code shows without serving attachments separately.
  const mail = await simpleParser(await readFile(file))
  const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '')
  return {
    id: path.basename(file),
    to,
    subject: mail.subject ?? '',
    date: (mail.date ?? new Date(0)).toISOString(),
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : null,
  }
}
