/**
 * `npm run serve`: the platform headless. Prints where it listens, stops
 * cleanly on SIGINT/SIGTERM, and explains bad configuration instead of
 * printing a stack trace.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, helpText, loadConfig } from './config'
import { NewerDatabaseError } from './db/migrate'
import { loggerOptions } from './logger'
import { AlreadyRunningError } from './instance-lock'
import { startPlatform } from './platform'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(helpText())
    return
  }
  const unknown = args.filter((a) => a !== '--')
  if (unknown.length) {
    process.stderr.write(`Unknown argument: ${unknown.join(' ')}\n\n${helpText()}`)
    process.exitCode = 2
    return
  }
  const config = loadConfig()
  // Built to out/main/serve.js; the renderer is built next to it.
  const here = path.dirname(fileURLToPath(import.meta.url))
  const platform = await startPlatform(config, {
    logger: loggerOptions(config),
    rendererDir: path.resolve(here, '../renderer'),
  })
  // The handlers go in before the listening line: whoever waits for that line (a
  // supervisor, a test) may send SIGTERM as soon as it reads it, and without a handler
  // Node dies on the spot instead of closing the server and the database.
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`${signal}: stopping\n`)
    platform.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${String(err)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  const mail = config.smtpUrl
    ? `SMTP ${new URL(config.smtpUrl).host}`
    : `outbox ${path.join(config.dataDir, 'outbox')}`
  process.stdout.write(
    [
      `phone.systems platform listening on ${platform.url}`,
      `  softphone:     ${platform.url}/`,
      `  admin console: ${platform.url}/admin`,
      `  data:          ${config.dataDir}`,
      `  mail:          ${mail}`,
      '',
    ].join('\n'),
  )
  // Also logged (warn), but log lines go to standard output and scroll by; a service
  // manager or a person keeps standard error apart.
  if (platform.insecurePublicUrl) {
    process.stderr.write(`\n*** WARNING: ${platform.insecurePublicUrl}\n\n`)
  }
}

main().catch((err: unknown) => {
  if (
    err instanceof ConfigError ||
    err instanceof NewerDatabaseError ||
    err instanceof AlreadyRunningError
  ) {
    process.stderr.write(`${err.message}\n`)
  } else if (err instanceof Error && 'code' in err && err.code === 'EADDRINUSE') {
    process.stderr.write(
      `${err.message}: another program uses this port; set PHONE_SYSTEMS_HTTP_PORT\n`,
    )
  } else {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  }
  process.exit(1)
})
