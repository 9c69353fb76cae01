import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { authenticateDevice } from '../../activation/me'
import type { DeviceRow } from '../../devices/repository'
import { bearerToken } from '../auth'
import { guardRoutes } from './guard-routes'

declare module 'fastify' {
  interface FastifyRequest {
    /** The activated device, on routes of the device API. */
    device: DeviceRow
  }
}

/** Every route registered in `app`'s scope answers 401 unless the request carries the token of a device still activated. */
export function requireDeviceToken(app: FastifyInstance, ctx: PlatformContext): void {
  app.decorateRequest('device')
  guardRoutes(
    app,
    async function deviceTokenRequired(request) {
      request.device = await authenticateDevice(ctx, bearerToken(request))
    },
    'deviceToken',
  )
}
