import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/**
 * The built renderer served by a plain web server that is not a platform, on
 * an origin of its own: what the desktop app is (its pages come from app://)
 * to a short code, the app knows no platform from where it was loaded.
 * Unknown paths get index.html, as the renderer routes in history mode.
 */
export async function serveRendererAlone(
  dir = path.resolve('out/renderer'),
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      let file = path.join(dir, path.normalize(pathname))
      if (!file.startsWith(dir) || !(await stat(file).catch(() => null))?.isFile()) {
        file = path.join(dir, pathname.startsWith('/api/') ? '__none__' : 'index.html')
      }
      const found = await stat(file).catch(() => null)
      if (!found?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>')
        return
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      })
      createReadStream(file).pipe(res)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
