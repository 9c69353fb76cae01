import { z } from 'zod'
import { toE164 } from '../phone-number'

// Control characters (C0, DEL and C1, such as U+0085 NEXT LINE) never belong in
// a name or title and break CSV exports and e-mail headers; everything else in
// Unicode is welcome.
const CONTROL_CHARS = /\p{Cc}/u

/** Tells a missing value from one of the wrong type, so the message fits the mistake. */
export function requiredOr(wrongType: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : wrongType)
}

/** A short free-text field: trimmed, without control characters, at most `max` characters. */
export function text(max: number) {
  return z
    .string({ error: requiredOr('must be text') })
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), { error: 'must not contain control characters' })
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1, { error: 'is required' }))
}

export const emailSchema = z
  .string({ error: requiredOr('must be text') })
  .trim()
  .min(1, { error: 'is required' })
  .max(254, { error: 'must be at most 254 characters' })
  .pipe(z.email({ error: 'must be a valid email address' }))

/** A telephone number written in international form, normalised to E.164. */
export const e164Schema = z
  .string({ error: requiredOr('must be a phone number in international form, e.g. +4520304050') })
  .transform((value, ctx) => {
    const e164 = toE164(value)
    if (!e164) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a valid phone number in international form, e.g. +4520304050',
      })
      return z.NEVER
    }
    return e164
  })

const WHOLE = 'must be a positive whole number'

/**
 * A row id, from a URL as decimal digits only: `Number()` alone would read
 * `0x1`, `1e3` or ` 1 ` as ids and act on a row nobody named.
 */
export const idSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (/^[0-9]+$/.test(v) ? Number(v) : Number.NaN) : v),
  z
    .number({ error: WHOLE })
    .int({ error: WHOLE })
    .positive({ error: WHOLE })
    .max(Number.MAX_SAFE_INTEGER, { error: WHOLE }),
)

export const idParams = z.object({ id: idSchema })

/** ISO-8601 timestamp as sent over the API. */
export const timestamp = z.string()

/** A count from a query string (`pageSize`, `limit`): a whole number from 1 to `max`. */
export function countQuery(max: number, fallback: number) {
  const error = `must be a whole number from 1 to ${max}`
  return z.coerce
    .number({ error })
    .int({ error })
    .min(1, { error })
    .max(max, { error })
    .default(fallback)
}

/** Which page of a paged list, from 1. */
export const pageQuery = z.coerce
  .number({ error: 'must be a whole number from 1' })
  .int({ error: 'must be a whole number from 1' })
  .min(1, { error: 'must be a whole number from 1' })
  .max(1_000_000, { error: 'must be at most 1000000' })
  .default(1)
