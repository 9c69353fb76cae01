import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { devicesOfUser, revokeDevice } from '../../devices/service'
import { idParams } from '@shared/schemas/common'
import { deviceListSchema, deviceSchema } from '@shared/schemas/devices'

/** The softphones activated on a user's line, and taking one's activation away. */
export const deviceRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Devices')

  app.get(
    '/api/admin/users/:id/devices',
    { schema: { params: idParams, response: { 200: deviceListSchema } } },
    async (request) => ({ items: await devicesOfUser(ctx, request.params.id) }),
  )

  app.delete(
    '/api/admin/devices/:id',
    { schema: { params: idParams, response: { 200: deviceSchema } } },
    async (request) => revokeDevice(ctx, request.params.id, request.admin.email),
  )
}
