import { z } from 'zod'
import { countQuery, text } from './common'

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
})

export const auditQuerySchema = z.strictObject({
  action: text(64).optional(),
  entityType: text(32).optional(),
  entityId: text(64).optional(),
  actor: text(254).optional(),
  before: z.coerce
    .number({ error: 'must be an audit entry id' })
    .int({ error: 'must be an audit entry id' })
    .positive({ error: 'must be an audit entry id' })
    .optional(),
  limit: countQuery(500, 100),
})

export const auditListSchema = z.object({ items: z.array(auditEntrySchema) })

export type AuditEntry = z.infer<typeof auditEntrySchema>
export type AuditQuery = z.infer<typeof auditQuerySchema>
