import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { outboxFolder } from '../../mail/mailer'
import { readOutbox } from '../../outbox/read-outbox'
import { outboxListSchema, outboxQuerySchema, outboxStatusSchema } from '@shared/schemas/outbox'

/** The Outbox page: invitations written to disk while no SMTP server is configured. */
export const outboxRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Outbox')
  const enabled = () => !ctx.config.smtpUrl

  app.get(
    '/api/admin/outbox/status',
    { schema: { response: { 200: outboxStatusSchema } } },
    async () => ({ enabled: enabled() }),
  )

  app.get(
    '/api/admin/outbox',
    { schema: { querystring: outboxQuerySchema, response: { 200: outboxListSchema } } },
    async (request) => ({
      enabled: enabled(),
      ...(await readOutbox(outboxFolder(ctx.config.dataDir), request.query.limit)),
    }),
  )
}
