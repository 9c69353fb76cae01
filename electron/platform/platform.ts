import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { httpUrl, insecurePublicUrlWarning, type PlatformConfig } from './config'
import type { PlatformContext } from './context'
import { Database } from './db/connection'
import { migrate } from './db/migrate'
import { createMailer, outboxFolder, type Mailer } from './mail/mailer'
import { InvitationDispatcher, type DispatcherOptions } from './invitations/dispatcher'
import { AttemptLimits } from './security/attempt-limits'
import { adminCount, createFirstAdmin } from './admins/service'
import { buildHttpApp } from './http/app'
import { startKamailioEdge, type KamailioEdge } from './sip/kamailio-edge'
import { lockDataDir, type InstanceLock } from './instance-lock'

export interface PlatformOptions {
  logger?: FastifyServerOptions['logger']
  rendererDir?: string
  /** Tests shorten the invitation retry schedule. */
  retryDelaysMs?: readonly number[]
  mailer?: Mailer
  now?: () => number
}

export interface Platform {
  /** Where the HTTP server listens, e.g. `http://127.0.0.1:8780` (`https://` with TLS). */
  url: string
  /** The warning logged at start about a plain-HTTP public URL, if there was one. */
  insecurePublicUrl: string | undefined
  app: FastifyInstance
  ctx: PlatformContext
  databaseFile: string
  /** The SIP edge: the supervised Kamailio (if any) and its RPC client. */
  kamailio: KamailioEdge
  close(): Promise<void>
}

export const DATABASE_FILE = 'phone-systems.sqlite'

/**
 * Opens (or creates) the database, brings the schema up to date, creates the
 * first admin from the configuration, and starts the HTTP server.
 */
export async function startPlatform(
  config: PlatformConfig,
  opts: PlatformOptions = {},
): Promise<Platform> {
  // 0700 when created here: it holds the devices' digest hashes, the outbox's
  // activation codes and the RPC key. An existing folder keeps its mode (an
  // external Kamailio may need group access to the database, docs/kamailio.md).
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 })
  const lock = await lockDataDir(config.dataDir, (err) =>
    process.emitWarning(`the data folder lock was not refreshed in time: ${err.message}`),
  )
  const databaseFile = path.join(config.dataDir, DATABASE_FILE)
  const db = await Database.open(databaseFile).catch(async (err: unknown) => {
    await lock.release()
    throw err
  })
  try {
    await migrate(db)
  } catch (err) {
    await db.close()
    await lock.release()
    throw err
  }
  const now = opts.now ?? Date.now
  const mailer = opts.mailer ?? createMailer(config.smtpUrl, outboxFolder(config.dataDir))
  // The public URL depends on the port, which is known only after listen()
  // when it is 0; the context reads it through this holder.
  const resolved = { ...config, publicUrl: config.publicUrl ?? '' }
  const dispatcherOpts: DispatcherOptions = {
    db,
    mailer,
    mailFrom: config.mailFrom,
    companyName: config.companyName,
    timeZone: config.timeZone,
    now,
    ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
    get publicUrl() {
      return resolved.publicUrl
    },
  }
  const dispatcher = new InvitationDispatcher(dispatcherOpts)
  const ctx: PlatformContext = {
    db,
    config: resolved,
    dispatcher,
    limits: new AttemptLimits(),
    now,
    onDeviceRevoked: () => undefined,
    sipRpc: undefined,
  }
  // Read once here: a renewed certificate takes effect at the next start (README).
  const https = config.tls && {
    cert: await readFile(config.tls.cert, 'utf8'),
    key: await readFile(config.tls.key, 'utf8'),
  }
  const app = await buildHttpApp(ctx, {
    logger: opts.logger ?? false,
    ...(opts.rendererDir ? { rendererDir: opts.rendererDir } : {}),
    ...(https ? { https } : {}),
  })
  dispatcherOpts.log = (message, extra) => app.log.warn(extra ?? {}, message)
  await dispatcher.recoverAfterRestart()
  if (config.admin && (await adminCount(ctx)) === 0) {
    await createFirstAdmin(ctx, config.admin.email, config.admin.password)
  }
  try {
    await app.listen({ host: config.httpHost, port: config.httpPort })
  } catch (err) {
    await closeAll(db, dispatcher, mailer, lock)
    throw err
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.httpPort
  const url = httpUrl(config.httpHost, port, Boolean(config.tls))
  resolved.publicUrl = config.publicUrl ?? url
  const insecure = insecurePublicUrlWarning(resolved.publicUrl)
  if (insecure) app.log.warn(insecure)
  // After listen: Kamailio's WebSocket Origin check needs the public URL, which
  // needs the port. A device activated in the moments before Kamailio is up
  // finds its WebSocket refused and reconnects, as after any Kamailio restart.
  const kamailio = await startKamailioEdge(
    config,
    databaseFile,
    resolved.publicUrl,
    app.log.child({ component: 'kamailio' }),
  )
  ctx.onDeviceRevoked = (sipUsername) => kamailio.revokeDevice(sipUsername)
  ctx.sipRpc = kamailio.rpc

  return {
    url,
    insecurePublicUrl: insecure,
    app,
    ctx,
    databaseFile,
    kamailio,
    async close() {
      await app.close()
      await kamailio.stop()
      await closeAll(db, dispatcher, mailer, lock)
    },
  }
}

async function closeAll(
  db: Database,
  dispatcher: InvitationDispatcher,
  mailer: Mailer,
  lock: InstanceLock,
): Promise<void> {
  await dispatcher.close()
  mailer.close()
  await db.close()
  await lock.release()
}
