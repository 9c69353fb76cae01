import type { RoutePlugin } from '../route-plugin'
import { clientKey } from '../auth'
import { documentTag } from '../openapi'
import { activate } from '../../activation/service'
import { checkActivationCode } from '../../activation/check'
import {
  activationCheckRequestSchema,
  activationCheckResultSchema,
  activationRequestSchema,
  activationResultSchema,
} from '@shared/schemas/activation'

/** A softphone turns its activation code into a device token and SIP credentials. */
export const activationRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Softphone')

  app.post(
    '/api/activations',
    { schema: { body: activationRequestSchema, response: { 201: activationResultSchema } } },
    async (request, reply) =>
      reply.status(201).send(await activate(ctx, request.body, clientKey(request))),
  )

  // POST, not GET: the code stays out of URLs and logs, and a link scanner never sends it.
  app.post(
    '/api/activations/check',
    {
      schema: {
        body: activationCheckRequestSchema,
        response: { 200: activationCheckResultSchema },
      },
    },
    async (request) => checkActivationCode(ctx, request.body.code, clientKey(request)),
  )
}
