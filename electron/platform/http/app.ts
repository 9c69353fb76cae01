import { existsSync } from 'node:fs'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { PlatformContext } from '../context'
import { installErrorHandler } from './error-handler'
import { installRequestLog, requestLogController } from './request-log'
import { registerOpenApi } from './openapi'
import { publicApi } from './public-api'
import { adminApi } from './admin-api'
import { deviceApi } from './device-api'
import { serveAppShell } from './app-shell'
import { registerSecurityHeaders } from './security-headers'

/** Requests are small JSON documents; anything larger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 64 * 1024

export interface HttpOptions {
  logger: FastifyServerOptions['logger']
  /** The built renderer (`out/renderer`), served at `/` and `/admin` when present. */
  rendererDir?: string
  /** PEM certificate chain and key: the server speaks HTTPS only. */
  https?: { cert: string; key: string }
}

export async function buildHttpApp(
  ctx: PlatformContext,
  opts: HttpOptions,
): Promise<FastifyInstance> {
  const app = createHttpApp(opts)
  await registerRoutes(app, ctx, opts)
  return app
}

/**
 * Fastify as the API needs it, before any route: JSON only, zod schemas, the API's
 * error bodies, one log line per request.
 */
export function createHttpApp(opts: Pick<HttpOptions, 'logger' | 'https'>): FastifyInstance {
  const options = {
    logger: opts.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
    logController: requestLogController(),
  }
  // With `https` Fastify's instance is typed for an https.Server. Routes, hooks and
  // inject() do not depend on the server type, and the platform reads only
  // server.address(), which both have; so one FastifyInstance type serves both.
  const app = opts.https
    ? (Fastify({ ...options, https: opts.https }) as unknown as FastifyInstance)
    : Fastify(options)
  installRequestLog(app)
  // The API speaks JSON only; plain text would reach handlers as a string.
  app.removeContentTypeParser('text/plain')
  // Each route's zod schemas check its input and shape its answer.
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandler(app)
  return app
}

/**
 * Every route: the API description, the public, admin and device APIs, the
 * renderer's pages; the security headers and CORS first, so that they cover
 * every one of them.
 */
export async function registerRoutes(
  app: FastifyInstance,
  ctx: PlatformContext,
  opts: Pick<HttpOptions, 'rendererDir'>,
): Promise<void> {
  await registerSecurityHeaders(app, ctx)
  await registerOpenApi(app)
  await app.register(publicApi, { ctx })
  await app.register(adminApi, { ctx })
  await app.register(deviceApi, { ctx })
  if (opts.rendererDir && existsSync(opts.rendererDir)) await serveAppShell(app, opts.rendererDir)
}
