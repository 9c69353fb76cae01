import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { getMe, patchMe } from '../../activation/me'
import { revokeDevice } from '../../devices/service'
import { meSchema, profilePatchSchema } from '@shared/schemas/activation'

/** What an activated softphone asks about itself: its profile and line. */
export const meRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Softphone')

  app.get('/api/me', { schema: { response: { 200: meSchema } } }, async (request) =>
    getMe(ctx, request.device),
  )

  app.patch(
    '/api/me',
    { schema: { body: profilePatchSchema, response: { 200: meSchema } } },
    async (request) => patchMe(ctx, request.device, request.body),
  )

  /** `Sign out` on the softphone: this device gives up its activation. */
  app.delete('/api/me', async (request, reply) => {
    await revokeDevice(ctx, request.device.id, `device:${request.device.id}`)
    return reply.status(204).send()
  })
}
