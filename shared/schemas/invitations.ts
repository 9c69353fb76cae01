import { z } from 'zod'

export const INVITATION_STATUSES = [
  'pending',
  'sent',
  'failed',
  'used',
  'expired',
  'revoked',
] as const

export const invitationSchema = z.object({
  id: z.number(),
  status: z.enum(INVITATION_STATUSES),
  /** Why the last send failed, while status is `failed`. */
  failureReason: z.string().nullable(),
  sendAttempts: z.number(),
  /** When the platform tries again, while a failed send is being retried. */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  expiresAt: z.string(),
})

export type Invitation = z.infer<typeof invitationSchema>
export type InvitationStatus = Invitation['status']
