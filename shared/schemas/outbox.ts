import { z } from 'zod'
import { countQuery } from './common'

/** Newest first; an outbox can grow without bound, so one page at a time. */
export const outboxQuerySchema = z.strictObject({
  limit: countQuery(200, 50),
})

/** One message written to `<data>/outbox/` instead of being sent. */
export const outboxMessageSchema = z.object({
  /** The .eml file's name: stable, and sorts by time. */
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  date: z.string(),
  text: z.string(),
  /** The HTML part with inline images (the QR code) as data: URIs, so it shows as mailed. */
  html: z.string().nullable(),
})

export const outboxListSchema = z.object({
  enabled: z.boolean(),
  total: z.number(),
  items: z.array(outboxMessageSchema),
})

/** Whether mails go to the outbox: true when no SMTP server is configured. */
export const outboxStatusSchema = z.object({ enabled: z.boolean() })

export type OutboxMessage = z.infer<typeof outboxMessageSchema>
export type OutboxList = z.infer<typeof outboxListSchema>
export type OutboxStatus = z.infer<typeof outboxStatusSchema>
