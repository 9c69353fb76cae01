import type { FastifyError, FastifyInstance } from 'fastify'
import { badRequest, HttpError } from '../errors'
import { validationFieldErrors } from './validate'
import type { ApiError } from '@shared/schemas/errors'

/** Fastify's own request errors, in words that name what was wrong with the request. */
function describeFastifyError(err: FastifyError): ApiError | null {
  const status = err.statusCode ?? 500
  if (status >= 500) return null
  const messages: Record<string, [string, string]> = {
    FST_ERR_CTP_BODY_TOO_LARGE: ['body', 'is too large'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['body', 'must be sent as application/json'],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['body', 'is empty; send a JSON object'],
    // Also what Fastify answers for `__proto__` and `constructor.prototype` keys.
    FST_ERR_CTP_INVALID_JSON_BODY: ['body', 'is not valid JSON'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['body', 'does not match its Content-Length'],
  }
  const known = err.code ? messages[err.code] : undefined
  const [field, reason] =
    known ?? (err instanceof SyntaxError ? ['body', 'is not valid JSON'] : ['request', err.message])
  return {
    statusCode: status,
    error:
      status === 413
        ? 'Payload Too Large'
        : status === 415
          ? 'Unsupported Media Type'
          : 'Bad Request',
    message: `${field}: ${reason}`,
    fields: [{ field, reason }],
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((fastifyError: FastifyError, request, reply) => {
    // Input that does not match the route's schema: the same 400 as any other bad field.
    const err = fastifyError.validation
      ? badRequest(validationFieldErrors(fastifyError, request))
      : fastifyError
    if (err instanceof HttpError) {
      const body: ApiError = {
        statusCode: err.statusCode,
        error: err.error,
        message: err.message,
        ...(err.fields ? { fields: err.fields } : {}),
      }
      if (err.retryAfterSeconds !== undefined) {
        void reply.header('retry-after', String(err.retryAfterSeconds))
      }
      return reply.status(err.statusCode).send(body)
    }
    const described = describeFastifyError(err)
    if (described) return reply.status(described.statusCode).send(described)
    request.log.error({ err }, 'request failed')
    const body: ApiError = {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on the platform; the error is in its log.',
    }
    return reply.status(500).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    const body: ApiError = {
      statusCode: 404,
      error: 'Not Found',
      message: `url: no API route ${request.method} ${request.url.split('?')[0]}`,
      fields: [{ field: 'url', reason: 'no such API route' }],
    }
    return reply.status(404).send(body)
  })
}
