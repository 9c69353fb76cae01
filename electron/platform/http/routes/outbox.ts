import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { parse } from '../validate'
import { requireAdmin } from '../auth'
import { outboxFolder } from '../../mail/mailer'
import { readOutbox } from '../../outbox/read-outbox'
import { outboxQuerySchema } from '@shared/schemas/outbox'

/** The Outbox page: invitations written to disk while no SMTP server is configured. */
export function outboxRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  const enabled = () => !ctx.config.smtpUrl

  app.get('/api/admin/outbox/status', async (request) => {
    await requireAdmin(ctx, request)
    return { enabled: enabled() }
  })

  app.get('/api/admin/outbox', async (request) => {
    await requireAdmin(ctx, request)
    const { limit } = parse(outboxQuerySchema, request.query, 'query')
    return { enabled: enabled(), ...(await readOutbox(outboxFolder(ctx.config.dataDir), limit)) }
  })
}
