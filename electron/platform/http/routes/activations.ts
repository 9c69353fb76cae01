import type { RoutePlugin } from '../route-plugin'
import { clientKey } from '../auth'
import { documentTag } from '../openapi'
import { activate } from '../../activation/service'
import { activationRequestSchema, activationResultSchema } from '@shared/schemas/activation'

/** A softphone turns its activation code into a device token and SIP credentials. */
export const activationRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Softphone')

  app.post(
    '/api/activations',
    { schema: { body: activationRequestSchema, response: { 201: activationResultSchema } } },
    async (request, reply) =>
      reply.status(201).send(await activate(ctx, request.body, clientKey(request))),
  )
}
