import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { createUser, getUser, listUsers, patchUser, removeUser } from '../../users/service'
import { idParams } from '@shared/schemas/common'
import {
  userInputSchema,
  userListQuerySchema,
  userListSchema,
  userPatchSchema,
  userSchema,
} from '@shared/schemas/users'

/** The people who get a softphone: listed, created, edited and deleted one by one. */
export const userRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Users')

  app.get(
    '/api/admin/users',
    { schema: { querystring: userListQuerySchema, response: { 200: userListSchema } } },
    async (request) => listUsers(ctx, request.query),
  )

  app.post(
    '/api/admin/users',
    { schema: { body: userInputSchema, response: { 201: userSchema } } },
    async (request, reply) =>
      reply.status(201).send(await createUser(ctx, request.body, request.admin.email)),
  )

  app.get(
    '/api/admin/users/:id',
    { schema: { params: idParams, response: { 200: userSchema } } },
    async (request) => getUser(ctx, request.params.id),
  )

  app.patch(
    '/api/admin/users/:id',
    { schema: { params: idParams, body: userPatchSchema, response: { 200: userSchema } } },
    async (request) => patchUser(ctx, request.params.id, request.body, request.admin.email),
  )

  app.delete('/api/admin/users/:id', { schema: { params: idParams } }, async (request, reply) => {
    await removeUser(ctx, request.params.id, request.admin.email)
    return reply.status(204).send()
  })
}
