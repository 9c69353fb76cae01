import type { RoutePlugin } from './route-plugin'
import { requireDeviceToken } from './plugins/device-auth'
import { meRoutes } from './routes/me'

/** The softphone's API once activated: every route in it needs a device token. */
export const deviceApi: RoutePlugin = async (app, opts) => {
  requireDeviceToken(app, opts.ctx)
  await app.register(meRoutes, opts)
}
