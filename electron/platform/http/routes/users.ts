import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { parse } from '../validate'
import { afterResponse } from '../after-response'
import { requireAdmin } from '../auth'
import { createUser, getUser, listUsers, patchUser, removeUser } from '../../users/service'
import { resendInvitation, saveAppLine } from '../../lines/service'
import { devicesOfUser, revokeDevice } from '../../devices/service'
import { nextFreeInternalNumber } from '../../lines/repository'
import { idParams } from '@shared/schemas/common'
import { userInputSchema, userListQuerySchema, userPatchSchema } from '@shared/schemas/users'
import { appLineInputSchema } from '@shared/schemas/app-line'

export function userRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  app.get('/api/admin/users', async (request) => {
    await requireAdmin(ctx, request)
    return listUsers(ctx, parse(userListQuerySchema, request.query, 'query'))
  })

  app.post('/api/admin/users', async (request, reply) => {
    const actor = await requireAdmin(ctx, request)
    const user = await createUser(ctx, parse(userInputSchema, request.body, 'body'), actor)
    return reply.status(201).send(user)
  })

  app.get('/api/admin/users/:id', async (request) => {
    await requireAdmin(ctx, request)
    return getUser(ctx, parse(idParams, request.params, 'params').id)
  })

  app.patch('/api/admin/users/:id', async (request) => {
    const actor = await requireAdmin(ctx, request)
    const { id } = parse(idParams, request.params, 'params')
    return patchUser(ctx, id, parse(userPatchSchema, request.body, 'body'), actor)
  })

  app.delete('/api/admin/users/:id', async (request, reply) => {
    const actor = await requireAdmin(ctx, request)
    await removeUser(ctx, parse(idParams, request.params, 'params').id, actor)
    return reply.status(204).send()
  })

  app.put('/api/admin/users/:id/app-line', async (request, reply) => {
    const actor = await requireAdmin(ctx, request)
    const { id } = parse(idParams, request.params, 'params')
    const input = parse(appLineInputSchema, request.body, 'body')
    return saveAppLine(ctx, id, input, actor, afterResponse(reply))
  })

  /** What the `Edit App Configuration` form suggests for a new line. */
  app.get('/api/admin/internal-numbers/next', async (request) => {
    await requireAdmin(ctx, request)
    return { internalNumber: await nextFreeInternalNumber(ctx.db) }
  })

  app.post('/api/admin/users/:id/invitations', async (request, reply) => {
    const actor = await requireAdmin(ctx, request)
    const { id } = parse(idParams, request.params, 'params')
    const user = await resendInvitation(ctx, id, actor, afterResponse(reply))
    return reply.status(201).send(user)
  })

  app.get('/api/admin/users/:id/devices', async (request) => {
    await requireAdmin(ctx, request)
    return { items: await devicesOfUser(ctx, parse(idParams, request.params, 'params').id) }
  })

  app.delete('/api/admin/devices/:id', async (request) => {
    const actor = await requireAdmin(ctx, request)
    return revokeDevice(ctx, parse(idParams, request.params, 'params').id, actor)
  })
}
