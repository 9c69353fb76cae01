import { z } from 'zod'

/** One thing wrong with a request: which field, and why. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  reason: z.string(),
})

/**
 * Every 4xx/5xx answer of the API has this body, so clients can show
 * `message` as is and highlight `fields` next to the inputs they name.
 */
export const apiErrorSchema = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  fields: z.array(fieldErrorSchema).optional(),
})

export type FieldError = z.infer<typeof fieldErrorSchema>
export type ApiError = z.infer<typeof apiErrorSchema>
