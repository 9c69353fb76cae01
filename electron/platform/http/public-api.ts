import type { RoutePlugin } from './route-plugin'
import { signInRoutes } from './routes/admin-session'
import { activationRoutes } from './routes/activations'
import { healthRoutes } from './routes/health'
import { downloadPageRoutes } from './routes/download-page'

/**
 * The routes anyone may call, declared public on purpose: signing in and first-run
 * setup (each guarded by its password and attempt limit), activation (by its
 * one-time code), health, and the download page that invitations link to. Any other route belongs in the admin or device API.
 */
export const publicApi: RoutePlugin = async (app, opts) => {
  await app.register(signInRoutes, opts)
  await app.register(activationRoutes, opts)
  await app.register(healthRoutes, opts)
  await app.register(downloadPageRoutes, opts)
}
