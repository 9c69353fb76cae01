import path from 'node:path'
import type { FastifyInstance, FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'
import { SOFTPHONE_PATHS } from '@shared/softphone-paths'

/** The built renderer: its assets, and the app shell for each page of the admin console and softphone. */
export async function serveAppShell(app: FastifyInstance, rendererDir: string): Promise<void> {
  const assetsDir = path.join(rendererDir, 'assets') + path.sep
  await app.register(fastifyStatic, {
    root: rendererDir,
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
  // Pages are not part of the API description.
  const page = { schema: { hide: true } }
  const shell = (_req: unknown, reply: FastifyReply) => reply.sendFile('index.html')
  app.get('/admin', page, shell)
  app.get('/admin/*', page, shell)
  app.get('/', page, shell)
  for (const url of Object.values(SOFTPHONE_PATHS)) app.get(url, page, shell)
}
