import type { FieldError } from '@shared/schemas/errors'

/**
 * An error the API answers with as is: status, a sentence for people and the
 * fields it concerns. Anything else thrown reaches the client as a plain 500.
 */
export class HttpError extends Error {
  /** Sent as `Retry-After` (with a 429 or a 503). */
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

const seconds = (n: number) => `${n} ${n === 1 ? 'second' : 'seconds'}`

export function tooManyRequests(retryAfterSeconds: number): HttpError {
  const err = new HttpError(
    429,
    'Too Many Requests',
    `Too many attempts. Try again in ${seconds(retryAfterSeconds)}.`,
  )
  err.retryAfterSeconds = retryAfterSeconds
  return err
}

/** The platform is busy with work it bounds (password hashing); the client may retry soon. */
export function serviceUnavailable(retryAfterSeconds: number, reason: string): HttpError {
  const err = new HttpError(
    503,
    'Service Unavailable',
    `${reason} Try again in ${seconds(retryAfterSeconds)}.`,
  )
  err.retryAfterSeconds = retryAfterSeconds
  return err
}
