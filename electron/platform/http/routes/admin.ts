import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { parse } from '../validate'
import { bearerToken, clientKey, requireAdmin } from '../auth'
import { adminCount, createFirstAdmin, signIn, signOut } from '../../admins/service'
import { adminSetupSchema, adminSignInSchema } from '@shared/schemas/admin'
import { unauthorized } from '../../errors'

export function adminSessionRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  app.post('/api/admin/session', async (request) => {
    const body = parse(adminSignInSchema, request.body, 'body')
    return signIn(ctx, body.email, body.password, clientKey(request))
  })

  app.delete('/api/admin/session', async (request, reply) => {
    await requireAdmin(ctx, request)
    const token = bearerToken(request)
    if (!token) throw unauthorized()
    await signOut(ctx, token)
    return reply.status(204).send()
  })

  /** First-run setup: whether it is needed, and doing it while no admin exists. */
  app.get('/api/admin/setup', async () => ({ needed: (await adminCount(ctx)) === 0 }))

  app.post('/api/admin/setup', async (request, reply) => {
    const body = parse(adminSetupSchema, request.body, 'body')
    await createFirstAdmin(ctx, body.email, body.password)
    const session = await signIn(ctx, body.email, body.password, clientKey(request))
    return reply.status(201).send(session)
  })
}
