import { existsSync } from 'node:fs'
import path from 'node:path'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify'
import fastifyStatic from '@fastify/static'
import type { PlatformContext } from '../context'
import { installErrorHandler } from './error-handler'
import { installRequestLog, requestLogController } from './request-log'
import { adminSessionRoutes } from './routes/admin'
import { userRoutes } from './routes/users'
import { numberRoutes } from './routes/numbers'
import { deviceRoutes } from './routes/device-api'
import { SOFTPHONE_PATHS } from '@shared/softphone-paths'
import { userCsvRoutes } from './routes/user-csv'
import { outboxRoutes } from './routes/outbox'

/** Requests are small JSON documents; anything larger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 64 * 1024

export interface HttpOptions {
  logger: FastifyServerOptions['logger']
  /** The built renderer (`out/renderer`), served at `/` and `/admin` when present. */
  rendererDir?: string
}

export async function buildHttpApp(
  ctx: PlatformContext,
  opts: HttpOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
    logController: requestLogController(),
  })
  installRequestLog(app)
  // The API speaks JSON only; plain text would reach handlers as a string.
  app.removeContentTypeParser('text/plain')
  installErrorHandler(app)
  adminSessionRoutes(app, ctx)
  userRoutes(app, ctx)
  numberRoutes(app, ctx)
  deviceRoutes(app, ctx)
  userCsvRoutes(app, ctx)
  outboxRoutes(app, ctx)

  if (opts.rendererDir && existsSync(opts.rendererDir)) {
    const assetsDir = path.join(opts.rendererDir, 'assets') + path.sep
    await app.register(fastifyStatic, {
      root: opts.rendererDir,
      wildcard: false,
      index: false,
      // Built assets have a content hash in their names, so they never change under
      // that name: browsers may keep them without asking again on every page load
      // (dozens of revalidations per load otherwise). The app shell, index.html, is
      // still revalidated, so a new build is picked up at once.
      setHeaders(reply: FastifyReply, filePath: string) {
        if (filePath.startsWith(assetsDir)) {
          void reply.header('cache-control', 'public, max-age=31536000, immutable')
        }
      },
    })
    // The renderer routes in history mode: any non-API page gets the app shell.
    const shell = (_req: unknown, reply: { sendFile(name: string): unknown }) =>
      reply.sendFile('index.html')
    app.get('/admin', shell)
    app.get('/admin/*', shell)
    app.get('/', shell)
    for (const path of Object.values(SOFTPHONE_PATHS)) app.get(path, shell)
  }
  return app
}
