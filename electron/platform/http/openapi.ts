import type { FastifyInstance } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

/** Where the API reference is served: the UI here, the OpenAPI document at `…/json`. */
export const API_DOCS_PREFIX = '/api/docs'

/** The ways of authenticating the description lists (`components.securitySchemes`). */
export type SecurityScheme = 'adminSession' | 'deviceToken'

/**
 * The OpenAPI description, generated from the routes' zod schemas. Registered before
 * the routes, so that it sees each of them as it is added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'phone.systems platform API',
        description:
          'The admin console and the softphones talk to the platform over this API. ' +
          'Bad input is answered with 400 and a body naming every bad field.',
        version: '1',
      },
      components: {
        securitySchemes: {
          adminSession: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token of POST /api/admin/session (or of first-run setup).',
          },
          deviceToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The deviceToken a softphone received from POST /api/activations.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, { routePrefix: API_DOCS_PREFIX })
}

/** Files the routes later added in `app`'s scope under `tag` in the description. */
export function documentTag(app: FastifyInstance, tag: string): void {
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, tags: [tag] }
  })
}
