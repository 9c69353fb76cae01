import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { authenticateAdmin } from '../../admins/service'
import { bearerToken } from '../auth'
import { guardRoutes } from './guard-routes'

export type SignedInAdmin = Awaited<ReturnType<typeof authenticateAdmin>>

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in admin, on routes of the admin API; its email is the audit actor. */
    admin: SignedInAdmin
  }
}

/** Every route registered in `app`'s scope answers 401 unless the request carries an admin session token. */
export function requireAdminSession(app: FastifyInstance, ctx: PlatformContext): void {
  app.decorateRequest('admin')
  guardRoutes(
    app,
    async function adminSessionRequired(request) {
      request.admin = await authenticateAdmin(ctx, bearerToken(request))
    },
    'adminSession',
  )
}
