import { z } from 'zod'
import { e164Schema, requiredOr } from './common'

const flag = z.boolean({ error: requiredOr('must be true or false') })

export const recordingSchema = z.strictObject({
  inboundInternal: flag.default(false),
  inboundExternal: flag.default(false),
  outboundInternal: flag.default(false),
  outboundExternal: flag.default(false),
})

/** Internal (extension) numbers: 2 to 6 digits, not starting with 0. */
export const internalNumberSchema = z
  .string({ error: 'must be 2 to 6 digits' })
  .trim()
  .regex(/^[1-9][0-9]{1,5}$/, { error: 'must be 2 to 6 digits, not starting with 0' })

export const appLineInputSchema = z
  .strictObject({
    didNumber: e164Schema.nullable().default(null),
    /** Left out: the next free internal number is assigned. */
    internalNumber: internalNumberSchema.optional(),
    externalOutbound: flag.default(false),
    callerIds: z
      .array(e164Schema, { error: 'must be a list of phone numbers' })
      .max(50)
      .default([]),
    defaultCallerId: e164Schema.nullable().default(null),
    recording: recordingSchema.default({
      inboundInternal: false,
      inboundExternal: false,
      outboundInternal: false,
      outboundExternal: false,
    }),
  })
  .superRefine((line, ctx) => {
    const unique = new Set(line.callerIds)
    if (unique.size !== line.callerIds.length) {
      ctx.addIssue({ code: 'custom', path: ['callerIds'], message: 'must not list a number twice' })
    }
    if (line.defaultCallerId && !unique.has(line.defaultCallerId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultCallerId'],
        message: 'must be one of the caller IDs',
      })
    }
    if (!line.defaultCallerId && line.callerIds.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultCallerId'],
        message: 'is required when caller IDs are given',
      })
    }
  })

export const appLineSchema = z.object({
  didNumber: z.string().nullable(),
  internalNumber: z.string(),
  externalOutbound: z.boolean(),
  callerIds: z.array(z.string()),
  defaultCallerId: z.string().nullable(),
  recording: z.object({
    inboundInternal: z.boolean(),
    inboundExternal: z.boolean(),
    outboundInternal: z.boolean(),
    outboundExternal: z.boolean(),
  }),
  updatedAt: z.string(),
})

export type AppLineInput = z.infer<typeof appLineInputSchema>
export type AppLine = z.infer<typeof appLineSchema>
export type Recording = z.infer<typeof recordingSchema>
