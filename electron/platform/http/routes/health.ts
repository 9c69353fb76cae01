import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { checkDatabase } from '../../db/health'

/** For monitoring: answers once the platform and its database respond. */
export const healthRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Health')

  app.get('/api/health', async () => {
    await checkDatabase(ctx.db)
    return { status: 'ok' }
  })
}
