import type { RoutePlugin } from '../route-plugin'
import { bearerToken, clientKey } from '../auth'
import { documentTag } from '../openapi'
import { adminCount, createFirstAdmin, signIn, signOut } from '../../admins/service'
import { adminSessionSchema, adminSetupSchema, adminSignInSchema } from '@shared/schemas/admin'
import { unauthorized } from '../../errors'

/** Signing in, and first-run setup while no admin exists: the routes before any session. */
export const signInRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Admin session')

  app.post(
    '/api/admin/session',
    { schema: { body: adminSignInSchema, response: { 200: adminSessionSchema } } },
    async (request) => signIn(ctx, request.body.email, request.body.password, clientKey(request)),
  )

  app.get('/api/admin/setup', async () => ({ needed: (await adminCount(ctx)) === 0 }))

  app.post(
    '/api/admin/setup',
    { schema: { body: adminSetupSchema, response: { 201: adminSessionSchema } } },
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
