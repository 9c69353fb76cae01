import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { addNumbers, listNumbers, removeNumbers } from '../../numbers/service'
import {
  numbersAddSchema,
  numbersDeleteSchema,
  numbersListQuerySchema,
  numbersListSchema,
} from '@shared/schemas/numbers'

/** The DID inventory: the phone numbers the platform may give to application lines. */
export const numberRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'Numbers')

  app.get(
    '/api/admin/numbers',
    { schema: { querystring: numbersListQuerySchema, response: { 200: numbersListSchema } } },
    async (request) => listNumbers(ctx, request.query),
  )

  app.post('/api/admin/numbers', { schema: { body: numbersAddSchema } }, async (request, reply) =>
    reply.status(201).send(await addNumbers(ctx, request.body.numbers, request.admin.email)),
  )

  app.delete('/api/admin/numbers', { schema: { body: numbersDeleteSchema } }, async (request) =>
    removeNumbers(ctx, request.body.numbers, request.admin.email),
  )
}
