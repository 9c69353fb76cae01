import type { z } from 'zod'
import { badRequest } from '../errors'
import type { FieldError } from '@shared/schemas/errors'

/** zod issues as field errors: `callerIds.2` names the third caller ID, unknown keys are named too. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], where: string): FieldError[] {
  const fields: FieldError[] = []
  for (const issue of issues) {
    const base = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push({ field: base ? `${base}.${key}` : key, reason: 'is not a known field' })
      }
      continue
    }
    fields.push({ field: base || where, reason: issue.message })
  }
  return fields
}

/**
 * Parses `value` with `schema` or throws a 400 naming every bad field.
 * `where` (body, query, params) names the field when the whole value is wrong.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw badRequest(toFieldErrors(result.error.issues, where))
}
