import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { parse } from '../validate'
import { clientKey, requireAdmin, requireDevice } from '../auth'
import { activate } from '../../activation/service'
import { getMe, patchMe } from '../../activation/me'
import { revokeDevice } from '../../devices/service'
import { listAudit } from '../../audit-query'
import { activationRequestSchema, profilePatchSchema } from '@shared/schemas/activation'
import { auditQuerySchema } from '@shared/schemas/audit'

/** What softphones call: activation and their own profile; plus audit and health. */
export function deviceRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  app.post('/api/activations', async (request, reply) => {
    const body = parse(activationRequestSchema, request.body, 'body')
    return reply.status(201).send(await activate(ctx, body, clientKey(request)))
  })

  app.get('/api/me', async (request) => getMe(ctx, await requireDevice(ctx, request)))

  app.patch('/api/me', async (request) => {
    const device = await requireDevice(ctx, request)
    return patchMe(ctx, device, parse(profilePatchSchema, request.body, 'body'))
  })

  /** `Sign out` on the softphone: this device gives up its activation. */
  app.delete('/api/me', async (request, reply) => {
    const device = await requireDevice(ctx, request)
    await revokeDevice(ctx, device.id, `device:${device.id}`)
    return reply.status(204).send()
  })

  app.get('/api/admin/audit', async (request) => {
    await requireAdmin(ctx, request)
    return { items: await listAudit(ctx, parse(auditQuerySchema, request.query, 'query')) }
  })

  app.get('/api/health', async () => {
    await ctx.db.get('SELECT 1')
    return { status: 'ok' }
  })
}
