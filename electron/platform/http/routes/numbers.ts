import type { FastifyInstance } from 'fastify'
import type { PlatformContext } from '../../context'
import { parse } from '../validate'
import { requireAdmin } from '../auth'
import { addNumbers, listNumbers, removeNumbers } from '../../numbers/service'
import {
  numbersAddSchema,
  numbersDeleteSchema,
  numbersListQuerySchema,
} from '@shared/schemas/numbers'

export function numberRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  app.get('/api/admin/numbers', async (request) => {
    await requireAdmin(ctx, request)
    const query = parse(numbersListQuerySchema, request.query, 'query')
    return listNumbers(ctx, query)
  })

  app.post('/api/admin/numbers', async (request, reply) => {
    const actor = await requireAdmin(ctx, request)
    const body = parse(numbersAddSchema, request.body, 'body')
    return reply.status(201).send(await addNumbers(ctx, body.numbers, actor))
  })

  app.delete('/api/admin/numbers', async (request) => {
    const actor = await requireAdmin(ctx, request)
    const body = parse(numbersDeleteSchema, request.body, 'body')
    return removeNumbers(ctx, body.numbers, actor)
  })
}
