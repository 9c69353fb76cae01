import type { RoutePlugin } from './route-plugin'
import { signInRoutes } from './routes/admin-session'
import { activationRoutes } from './routes/activations'
import { healthRoutes } from './routes/health'

/**
 * The routes anyone may call, declared public on purpose: signing in and first-run
 * setup (each guarded by its password and attempt limit), activation (by its
 * one-time code) and health. Any other route belongs in the admin or device API.
 */
export const publicApi: RoutePlugin = async (app, opts) => {
  await app.register(signInRoutes, opts)
  await app.register(activationRoutes, opts)
  await app.register(healthRoutes, opts)
}
