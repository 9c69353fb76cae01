import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { listAudit } from '../../audit-query'
import { auditListSchema, auditQuerySchema } from '@shared/schemas/audit'

/** The audit log: who changed what, newest first. */
export const auditRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Audit')

  app.get(
    '/api/admin/audit',
    { schema: { querystring: auditQuerySchema, response: { 200: auditListSchema } } },
    async (request) => ({ items: await listAudit(ctx, request.query) }),
  )
}
