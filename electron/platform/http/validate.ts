import { z } from 'zod'
import type { FastifyError, FastifyRequest } from 'fastify'
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

type RequestPart = 'body' | 'querystring' | 'params' | 'headers'

const RECEIVED: Record<RequestPart, (request: FastifyRequest) => unknown> = {
  body: (request) => request.body,
  querystring: (request) => request.query,
  params: (request) => request.params,
  headers: (request) => request.headers,
}

/**
 * The field errors of a request that failed its route's schema, named as the API
 * names them (`query` for the query string). zod is asked again about the input as
 * received: the type provider's error keeps an issue's path only joined into a
 * string, and Fastify hands validators `null` for a missing body, which would read
 * `received null` where the body was not sent at all.
 */
export function validationFieldErrors(err: FastifyError, request: FastifyRequest): FieldError[] {
  const part = (err.validationContext ?? 'body') as RequestPart
  const where = part === 'querystring' ? 'query' : part
  const schema: unknown = request.routeOptions.schema?.[part]
  if (schema instanceof z.ZodType) {
    const result = schema.safeParse(RECEIVED[part](request))
    if (!result.success) return toFieldErrors(result.error.issues, where)
  }
  return (err.validation ?? []).map((v) => ({
    field: v.instancePath.split('/').filter(Boolean).join('.') || where,
    reason: v.message ?? 'is not valid',
  }))
}
