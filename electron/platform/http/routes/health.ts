import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { checkDatabase } from '../../db/health'
import { PLATFORM_SERVICE } from '@shared/platform-service'

/**
 * For monitoring: answers once the platform and its database respond. `service`
 * lets an app that was given an address check it is a phone.systems platform.
 */
export const healthRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Health')

  app.get('/api/health', async () => {
    await checkDatabase(ctx.db)
    return { status: 'ok', service: PLATFORM_SERVICE }
  })
}
