import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ADMIN } from '../fixtures/platform'
import {
  envWithoutPlatformSettings,
  spawnServer,
  type ChildServer,
} from '../fixtures/child-platform'

export interface BuiltServer {
  url: string
  dataDir: string
  server: ChildServer
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>
}

export interface BuiltServerOptions {
  /** Configure the fixture admin (ADMIN); without it the platform asks for first-run setup. */
  admin: boolean
  /** Where invitations go; without it they are written to the outbox folder. */
  smtpUrl?: string
  /** Further PHONE_SYSTEMS_* settings; Kamailio is off unless these turn it on. */
  env?: Record<string, string>
  startTimeoutMs?: number
}

/**
 * The built server, as `npm run serve` runs it (`node out/main/serve.js`),
 * on a free port with a fresh data folder and none of this shell's
 * PHONE_SYSTEMS_* settings. What every end-to-end spec talks to.
 */
export async function startBuiltServer(opts: BuiltServerOptions): Promise<BuiltServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-e2e-'))
  const server = await spawnServer({
    command: process.execPath,
    args: ['out/main/serve.js'],
    env: {
      ...envWithoutPlatformSettings(),
      PHONE_SYSTEMS_HTTP_PORT: '0',
      PHONE_SYSTEMS_DATA_DIR: dataDir,
      PHONE_SYSTEMS_KAMAILIO: 'off',
      LOG_LEVEL: 'warn',
      ...(opts.admin
        ? { PHONE_SYSTEMS_ADMIN_EMAIL: ADMIN.email, PHONE_SYSTEMS_ADMIN_PASSWORD: ADMIN.password }
        : {}),
      ...(opts.smtpUrl ? { PHONE_SYSTEMS_SMTP_URL: opts.smtpUrl } : {}),
      ...opts.env,
    },
    ...(opts.startTimeoutMs ? { startTimeoutMs: opts.startTimeoutMs } : {}),
  })
  return {
    url: server.url,
    dataDir,
    server,
    async stop() {
      await server.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
