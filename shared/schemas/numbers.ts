import { z } from 'zod'
import { text } from './common'

/**
 * Numbers arrive as the admin typed them; each is checked on its own so one
 * bad line gets its own error (`numbers.3`) instead of failing the batch.
 */
export const numbersAddSchema = z.strictObject({
  numbers: z
    .array(text(40), { error: 'must be a list of phone numbers' })
    .min(1, { error: 'must contain at least one phone number' })
    .max(1000, { error: 'must contain at most 1000 phone numbers' }),
})

export const numbersDeleteSchema = numbersAddSchema

export const numbersListQuerySchema = z.strictObject({
  q: text(40).optional(),
  free: z.enum(['true', 'false']).optional(),
  /** At most this many, in number order: what a search box suggests. Without it, all. */
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 1000' })
    .int({ error: 'must be a whole number from 1 to 1000' })
    .min(1, { error: 'must be a whole number from 1 to 1000' })
    .max(1000, { error: 'must be a whole number from 1 to 1000' })
    .optional(),
})

export const phoneNumberSchema = z.object({
  number: z.string(),
  createdAt: z.string(),
  /** The user whose line receives calls on this DID, if any. */
  assignedTo: z.object({ userId: z.number(), name: z.string(), email: z.string() }).nullable(),
})

export const numbersListSchema = z.object({ items: z.array(phoneNumberSchema) })

export type PhoneNumber = z.infer<typeof phoneNumberSchema>
