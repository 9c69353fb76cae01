import type { FieldError } from '@shared/schemas/errors'

/**
 * An error the API answers with as is: status, a sentence for people and the
 * fields it concerns. Anything else thrown reaches the client as a plain 500.
 */
export class HttpError extends Error {
  /** Sent as `Retry-After` with a 429. */
  retryAfterSeconds?: number

  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export function badRequest(fields: FieldError[]): HttpError {
  const message = fields.map((f) => `${f.field}: ${f.reason}`).join('; ')
  return new HttpError(400, 'Bad Request', message, fields)
}

export function fieldError(
  status: number,
  error: string,
  field: string,
  reason: string,
): HttpError {
  return new HttpError(status, error, `${field}: ${reason}`, [{ field, reason }])
}

export const notFound = (field: string, what: string) =>
  fieldError(404, 'Not Found', field, `no ${what} with this id`)

export const conflict = (field: string, reason: string) =>
  fieldError(409, 'Conflict', field, reason)

export const unauthorized = (message = 'Sign in first: the session is missing or has expired') =>
  new HttpError(401, 'Unauthorized', message)

export function tooManyRequests(retryAfterSeconds: number): HttpError {
  const unit = retryAfterSeconds === 1 ? 'second' : 'seconds'
  const err = new HttpError(
    429,
    'Too Many Requests',
    `Too many attempts. Try again in ${retryAfterSeconds} ${unit}.`,
  )
  err.retryAfterSeconds = retryAfterSeconds
  return err
}
