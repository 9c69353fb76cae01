import path from 'node:path'
import { app } from 'electron'
import { loadConfig } from '../platform/config'
import { loggerOptions } from '../platform/logger'
import { startPlatform, type Platform } from '../platform/platform'
import { rendererDir } from './renderer-url'

/**
 * The platform inside the desktop app (admin mode): the same code as
 * `npm run serve`, with its data in the app's user-data folder unless
 * PHONE_SYSTEMS_DATA_DIR says otherwise, and Kamailio as its child when
 * installed. Stopped before the app quits so SQLite and Kamailio shut down
 * cleanly.
 */
export async function startEmbeddedPlatform(): Promise<Platform> {
  const config = loadConfig({
    PHONE_SYSTEMS_DATA_DIR: path.join(app.getPath('userData'), 'platform'),
    ...process.env,
  })
  const platform = await startPlatform(config, {
    logger: loggerOptions(config),
    rendererDir,
  })
  let stopped = false
  app.on('before-quit', (event) => {
    if (stopped) return
    event.preventDefault()
    stopped = true
    platform.close().finally(() => app.quit())
  })
  return platform
}
