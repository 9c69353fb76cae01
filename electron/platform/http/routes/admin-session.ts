import rateLimit from '@fastify/rate-limit'
import type { RoutePlugin } from '../route-plugin'
import { bearerToken, clientKey } from '../auth'
import { documentTag } from '../openapi'
import { adminCount, createFirstAdmin, signIn, signOut } from '../../admins/service'
import { adminSessionSchema, adminSetupSchema, adminSignInSchema } from '@shared/schemas/admin'
import { tooManyRequests, unauthorized } from '../../errors'
import {
  SETUP_REQUESTS_PER_ADDRESS,
  SIGN_IN_REQUESTS_PER_ADDRESS,
  type Budget,
} from '../../security/limits'

/** A route's request budget per client address, in @fastify/rate-limit's terms. */
const perAddress = ({ max, windowMs }: Budget) => ({ rateLimit: { max, timeWindow: windowMs } })

/**
 * Signing in, and first-run setup while no admin exists: the routes before any session.
 * Both can make the platform hash a password, so besides the attempt limits of the
 * service each has a request budget per address (security/limits.ts).
 */
export const signInRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Admin session')

  // Registered in this plugin, so it applies to these routes only, each with its own
  // budget. Counted in preHandler, once the body has passed its schema: a malformed
  // request is refused for nothing and never reaches the hash these budgets protect.
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_request, { ttl }) =>
      tooManyRequests(Math.max(1, Math.ceil(ttl / 1000))),
  })

  app.post(
    '/api/admin/session',
    {
      schema: { body: adminSignInSchema, response: { 200: adminSessionSchema } },
      config: perAddress(SIGN_IN_REQUESTS_PER_ADDRESS),
    },
    async (request) => signIn(ctx, request.body.email, request.body.password, clientKey(request)),
  )

  app.get('/api/admin/setup', async () => ({ needed: (await adminCount(ctx)) === 0 }))

  app.post(
    '/api/admin/setup',
    {
      schema: { body: adminSetupSchema, response: { 201: adminSessionSchema } },
      config: perAddress(SETUP_REQUESTS_PER_ADDRESS),
    },
    async (request, reply) => {
      const { email, password } = request.body
      await createFirstAdmin(ctx, email, password)
      const session = await signIn(ctx, email, password, clientKey(request))
      return reply.status(201).send(session)
    },
  )
}

/** Signing out: ends the session the request was authenticated with. */
export const signOutRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Admin session')

  app.delete('/api/admin/session', async (request, reply) => {
    const token = bearerToken(request)
    if (!token) throw unauthorized()
    await signOut(ctx, token)
    return reply.status(204).send()
  })
}
