import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { importUsers } from '../../users/csv-import'
import { exportUsersCsv } from '../../users/csv-export'
import { listDepartments } from '../../users/departments'
import {
  departmentListSchema,
  USER_IMPORT_BODY_LIMIT_BYTES,
  userImportReportSchema,
  userImportRequestSchema,
} from '@shared/schemas/user-import'

/** Users in bulk: CSV import (with a dry run) and export, and the departments they are in. */
export const userCsvRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Users in bulk')

  app.post(
    '/api/admin/users/import',
    {
      // A CSV of thousands of users is larger than any other request.
      bodyLimit: USER_IMPORT_BODY_LIMIT_BYTES,
      schema: {
        body: userImportRequestSchema,
        response: { 200: userImportReportSchema, 201: userImportReportSchema },
      },
    },
    async (request, reply) => {
      const { csv, dryRun } = request.body
      const report = await importUsers(ctx, csv, dryRun, request.admin.email)
      return reply.status(report.created > 0 ? 201 : 200).send(report)
    },
  )

  app.get('/api/admin/users/export.csv', async (_request, reply) => {
    const csv = await exportUsersCsv(ctx)
    const day = new Date(ctx.now()).toISOString().slice(0, 10)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="users-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv)
  })

  app.get(
    '/api/admin/departments',
    { schema: { response: { 200: departmentListSchema } } },
    async () => ({ items: await listDepartments(ctx.db) }),
  )
}
