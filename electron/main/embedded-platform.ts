import path from 'node:path'
import { loadConfig } from '../platform/config'
import { loggerOptions } from '../platform/logger'
import { startPlatform, type Platform } from '../platform/platform'
import { rendererDir } from './renderer-url'

/**
 * `This computer` in the admin window: the same platform as `npm run serve`,
 * with its data in the app's user-data folder unless PHONE_SYSTEMS_DATA_DIR
 * says otherwise, and Kamailio as its child when installed. The caller stops
 * it on quit (shutdown.ts) so SQLite and Kamailio shut down cleanly.
 */
export function startEmbeddedPlatform(userData: string): Promise<Platform> {
  const config = loadConfig({
    PHONE_SYSTEMS_DATA_DIR: path.join(userData, 'platform'),
    ...process.env,
  })
  return startPlatform(config, { logger: loggerOptions(config), rendererDir })
}
