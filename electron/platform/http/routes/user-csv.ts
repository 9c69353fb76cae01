import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { parse } from '../validate'
import { requireAdmin } from '../auth'
import { importUsers } from '../../users/csv-import'
import { exportUsersCsv } from '../../users/csv-export'
import { listDepartments } from '../../users/departments'
import { USER_IMPORT_BODY_LIMIT_BYTES, userImportRequestSchema } from '@shared/schemas/user-import'

/** Users in bulk: CSV import (with a dry run) and export, and the departments they are in. */
export function userCsvRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  app.post(
    '/api/admin/users/import',
    // A CSV of thousands of users is larger than any other request.
    { bodyLimit: USER_IMPORT_BODY_LIMIT_BYTES },
    async (request, reply) => {
      const actor = await requireAdmin(ctx, request)
      const body = parse(userImportRequestSchema, request.body, 'body')
      const report = await importUsers(ctx, body.csv, body.dryRun, actor)
      return reply.status(report.created > 0 ? 201 : 200).send(report)
    },
  )

  app.get('/api/admin/users/export.csv', async (request, reply) => {
    await requireAdmin(ctx, request)
    const csv = await exportUsersCsv(ctx)
    const day = new Date(ctx.now()).toISOString().slice(0, 10)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="users-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv)
  })

  app.get('/api/admin/departments', async (request) => {
    await requireAdmin(ctx, request)
    return { items: await listDepartments(ctx.db) }
  })
}
