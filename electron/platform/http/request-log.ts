import { LogController, type FastifyInstance } from 'fastify'

/** A request slower than this is logged at `warn`, whatever its status. */
export const SLOW_REQUEST_MS = 1000

export type RequestLogLevel = 'error' | 'warn' | 'debug'

/**
 * What an operator wants to see at the default level `info`: server errors and slow
 * requests. Everything else, 4xx included (a wrong password, a form with a mistake),
 * is routine and shows at `debug`.
 */
export function requestLogLevel(statusCode: number, ms: number, slowMs: number): RequestLogLevel {
  if (statusCode >= 500) return 'error'
  if (ms >= slowMs) return 'warn'
  return 'debug'
}

/** For the app's `logController` option: Fastify's own two lines per request at `info`, off. */
export function requestLogController(): LogController {
  return new LogController({ disableRequestLogging: true })
}

/**
 * One line per request once it is answered, in place of Fastify's own lines (turned off
 * with `requestLogController`). The query string is left out: searches carry names and
 * email addresses, which have no place in a log.
 */
export function installRequestLog(app: FastifyInstance, slowMs = SLOW_REQUEST_MS): void {
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime)
    const url = request.url.split('?')[0]
    const { method } = request
    const { statusCode } = reply
    const level = requestLogLevel(statusCode, ms, slowMs)
    request.log[level](
      { method, url, statusCode, responseTime: ms },
      `${method} ${url} ${statusCode} ${ms} ms`,
    )
  })
}
