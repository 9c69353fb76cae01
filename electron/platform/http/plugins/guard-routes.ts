import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SecurityScheme } from '../openapi'

/** Throws (401) unless the request may go on; may decorate it with who is asking. */
export type Guard = (request: FastifyRequest) => Promise<void>

/**
 * Runs `guard` first on `onRequest` of every route later added in `app`'s scope, and
 * names `scheme` as that route's security in the API description. `onRequest` comes
 * before the body is read, so an unauthenticated caller gets nothing parsed. The hook
 * is put on each route's own options rather than on the scope so that the route table
 * shows it (test/platform/route-auth.test.ts checks every route there).
 */
export function guardRoutes(app: FastifyInstance, guard: Guard, scheme: SecurityScheme): void {
  app.addHook('onRoute', (route) => {
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat()
    route.onRequest = [guard, ...own]
    route.schema = { ...route.schema, security: [{ [scheme]: [] }] }
  })
}
