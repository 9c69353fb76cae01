import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PlatformContext } from '../../context'
import { authenticateDevice } from '../../activation/me'
import type { DeviceRow } from '../../devices/repository'
import { bearerToken } from '../auth'
import { documentSecurity } from '../openapi'

declare module 'fastify' {
  interface FastifyRequest {
    /** The activated device, on routes of the device API. */
    device: DeviceRow
  }
}

/**
 * Every route registered in `app`'s scope answers 401 unless the request carries
 * the token of a device that is still activated.
 */
export function requireDeviceToken(app: FastifyInstance, ctx: PlatformContext): void {
  app.decorateRequest('device')
  app.addHook('onRequest', async function deviceTokenRequired(request: FastifyRequest) {
    request.device = await authenticateDevice(ctx, bearerToken(request))
  })
  documentSecurity(app, 'deviceToken')
}
