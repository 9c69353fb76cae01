import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { PlatformContext } from '../context'

/** A file of routes: a plugin whose request schemas are zod schemas, typing each handler's input. */
export type RoutePlugin = FastifyPluginAsyncZod<{ ctx: PlatformContext }>
