import type { RoutePlugin } from './route-plugin'
import { requireAdminSession } from './plugins/admin-auth'
import { signOutRoutes } from './routes/admin-session'
import { userRoutes } from './routes/users'
import { appLineRoutes } from './routes/app-lines'
import { deviceRoutes } from './routes/devices'
import { numberRoutes } from './routes/numbers'
import { userCsvRoutes } from './routes/user-csv'
import { outboxRoutes } from './routes/outbox'
import { auditRoutes } from './routes/audit'
import { sipBlockRoutes } from './routes/sip-blocks'

/** The admin console's API: every route in it needs an admin session. */
export const adminApi: RoutePlugin = async (app, opts) => {
  requireAdminSession(app, opts.ctx)
  await app.register(signOutRoutes, opts)
  await app.register(userRoutes, opts)
  await app.register(appLineRoutes, opts)
  await app.register(deviceRoutes, opts)
  await app.register(numberRoutes, opts)
  await app.register(userCsvRoutes, opts)
  await app.register(outboxRoutes, opts)
  await app.register(auditRoutes, opts)
  await app.register(sipBlockRoutes, opts)
}
