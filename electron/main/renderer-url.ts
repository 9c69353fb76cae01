import { fileURLToPath } from 'node:url'
import { APP_HOST, APP_SCHEME } from '@shared/desktop-origin'
import { originOf } from './url-origin'

/**
 * Where the renderer comes from. In `electron-vite dev` it is the Vite dev server; in a
 * build it is `out/renderer`, served through the privileged `app:` scheme (see
 * app-protocol.ts) because vue-router's history mode needs real paths, which `file://`
 * cannot give.
 */
export { APP_HOST, APP_SCHEME }

/** Set by electron-vite only while developing. */
const devServerUrl = process.env['ELECTRON_RENDERER_URL']

export const rendererUrl = devServerUrl ?? `${APP_SCHEME}://${APP_HOST}/`
export const rendererOrigin = originOf(rendererUrl)!

/** The built renderer, next to this file's bundle: out/main → out/renderer. */
export const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url))

/** The sandboxed preload is CommonJS (see electron.vite.config.ts). */
export const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
