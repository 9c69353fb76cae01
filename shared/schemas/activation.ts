import { z } from 'zod'
import { requiredOr, text } from './common'
import { appLineSchema } from './app-line'

export const activationRequestSchema = z.strictObject({
  /** The short code (`K7QF-3M9X-PW2D`) or the whole `phonesystems://activate?…` link. */
  code: z
    .string({ error: requiredOr('must be text') })
    .trim()
    .min(1, { error: 'is required' })
    .max(2048, { error: 'must be at most 2048 characters' }),
  /** The device's machine id; the platform stores only a hash of it. */
  deviceId: z
    .string({ error: requiredOr('must be text') })
    .trim()
    .min(8, { error: 'must be at least 8 characters' })
    .max(256, { error: 'must be at most 256 characters' }),
  deviceName: text(100).pipe(z.string().min(1, { error: 'is required' })),
  platform: text(40).pipe(z.string().min(1, { error: 'is required' })),
})

export const activationCheckRequestSchema = z.strictObject({
  /** The code as the activation page read it from its link's fragment. */
  code: activationRequestSchema.shape.code,
})

/**
 * What the activation page tells the person holding a code, without using
 * it: usable, or which of the reasons it no longer works.
 */
export const activationCheckResultSchema = z.object({
  state: z.enum(['usable', 'expired', 'used', 'revoked']),
  /** When a usable code expires (ISO-8601). */
  expiresAt: z.string().nullable(),
})

export type ActivationCheckResult = z.infer<typeof activationCheckResultSchema>

export const profileSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string(),
  department: z.string(),
  email: z.string(),
})

export const sipCredentialsSchema = z.object({
  wsUri: z.string(),
  uri: z.string(),
  authorizationUser: z.string(),
  password: z.string(),
  displayName: z.string(),
})

export const activationResultSchema = z.object({
  deviceToken: z.string(),
  sip: sipCredentialsSchema,
  profile: profileSchema,
  line: appLineSchema,
})

export const profilePatchSchema = z.strictObject({
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  jobTitle: text(100).optional(),
  department: text(100).optional(),
})

export const meSchema = z.object({
  profile: profileSchema,
  line: appLineSchema.nullable(),
  device: z.object({ id: z.number(), name: z.string(), platform: z.string() }),
})

export type ActivationRequest = z.infer<typeof activationRequestSchema>
export type SipCredentials = z.infer<typeof sipCredentialsSchema>
export type ActivationResult = z.infer<typeof activationResultSchema>
export type Profile = z.infer<typeof profileSchema>
export type ProfilePatch = z.infer<typeof profilePatchSchema>
export type Me = z.infer<typeof meSchema>
