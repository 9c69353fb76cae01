import { net, protocol } from 'electron'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { rendererFileFor } from './renderer-path'
import { APP_HOST, APP_SCHEME, rendererDir } from './renderer-url'

/**
 * Must run before `app` is ready. `standard` gives the scheme a real origin (so history
 * routing, relative URLs and the CSP's 'self' work) and `secure` makes it a secure
 * context, which getUserMedia and notifications require.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves out/renderer; unknown paths get index.html so client-side routes load. */
export function handleAppScheme(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response(null, { status: 404 })
    const file = rendererFileFor(rendererDir, url.pathname)
    if (!file) return new Response(null, { status: 404 })
    const target = (await isFile(file)) ? file : path.join(rendererDir, 'index.html')
    return net.fetch(pathToFileURL(target).toString())
  })
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}
