import { z } from 'zod'
import { emailSchema, requiredOr } from './common'

export const adminSignInSchema = z.strictObject({
  email: emailSchema,
  password: z
    .string({ error: requiredOr('must be text') })
    .min(1, { error: 'is required' })
    .max(1024, { error: 'must be at most 1024 characters' }),
})

/** First-run setup: allowed only while no admin exists. */
export const adminSetupSchema = z.strictObject({
  email: emailSchema,
  password: z
    .string({ error: requiredOr('must be text') })
    .min(12, { error: 'must be at least 12 characters' })
    .max(1024, { error: 'must be at most 1024 characters' }),
})

export const adminSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  admin: z.object({ id: z.number(), email: z.string() }),
})

export type AdminSignIn = z.infer<typeof adminSignInSchema>
export type AdminSession = z.infer<typeof adminSessionSchema>
