import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { afterResponse } from '../after-response'
import { resendInvitation, saveAppLine, suggestInternalNumber } from '../../lines/service'
import { idParams } from '@shared/schemas/common'
import { appLineInputSchema } from '@shared/schemas/app-line'
import { userSchema } from '@shared/schemas/users'

/** A user's application line, and the invitation that activates a softphone on it. */
export const appLineRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Application lines')

  app.put(
    '/api/admin/users/:id/app-line',
    { schema: { params: idParams, body: appLineInputSchema, response: { 200: userSchema } } },
    async (request, reply) =>
      saveAppLine(ctx, request.params.id, request.body, request.admin.email, afterResponse(reply)),
  )

  /** What the `Edit App Configuration` form suggests for a new line. */
  app.get('/api/admin/internal-numbers/next', async () => ({
    internalNumber: await suggestInternalNumber(ctx),
  }))

  app.post(
    '/api/admin/users/:id/invitations',
    { schema: { params: idParams, response: { 201: userSchema } } },
    async (request, reply) => {
      const schedule = afterResponse(reply)
      const user = await resendInvitation(ctx, request.params.id, request.admin.email, schedule)
      return reply.status(201).send(user)
    },
  )
}
