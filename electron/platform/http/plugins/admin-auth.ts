import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PlatformContext } from '../../context'
import { authenticateAdmin } from '../../admins/service'
import { bearerToken } from '../auth'
import { documentSecurity } from '../openapi'

export type SignedInAdmin = Awaited<ReturnType<typeof authenticateAdmin>>

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in admin, on routes of the admin API; its email is the audit actor. */
    admin: SignedInAdmin
  }
}

/**
 * Every route registered in `app`'s scope (and in plugins registered inside it)
 * answers 401 unless the request carries an admin session token. The check runs on
 * `onRequest`, before the body is read: an unauthenticated caller gets nothing parsed.
 */
export function requireAdminSession(app: FastifyInstance, ctx: PlatformContext): void {
  app.decorateRequest('admin')
  app.addHook('onRequest', async function adminSessionRequired(request: FastifyRequest) {
    request.admin = await authenticateAdmin(ctx, bearerToken(request))
  })
  documentSecurity(app, 'adminSession')
}
