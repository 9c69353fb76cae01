import { z } from 'zod'
import { countQuery, pageQuery, text } from './common'

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

/** Columns the Numbers table sorts by. */
export const NUMBER_SORT_FIELDS = ['number', 'createdAt'] as const

/**
 * One page of the inventory. `q`: digits find numbers, words find the user a
 * number is assigned to (name or email). The Numbers page asks for a page;
 * a search box asks for the first `pageSize` matches.
 */
export const numbersListQuerySchema = z.strictObject({
  q: text(100).optional(),
  free: z.enum(['true', 'false']).optional(),
  sort: z.enum(NUMBER_SORT_FIELDS).default('number'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: pageQuery,
  pageSize: countQuery(1000, 100),
})

export const phoneNumberSchema = z.object({
  number: z.string(),
  createdAt: z.string(),
  /** The user whose line receives calls on this DID, if any. */
  assignedTo: z.object({ userId: z.number(), name: z.string(), email: z.string() }).nullable(),
})

export const numbersListSchema = z.object({
  items: z.array(phoneNumberSchema),
  /** How many match the query, all pages together. */
  total: z.number(),
})

export type PhoneNumber = z.infer<typeof phoneNumberSchema>
export type NumberListQuery = z.infer<typeof numbersListQuerySchema>
export type NumberList = z.infer<typeof numbersListSchema>
