import type { FastifyServerOptions } from 'fastify'
import pretty, { type PrettyOptions } from 'pino-pretty'
import type { PlatformConfig } from './config'

export type LogFormat = NonNullable<PlatformConfig['logFormat']>

/** Where log lines go: standard output, unless a test captures them in `stream`. */
export interface LogOutput {
  isTTY: boolean
  stream?: NodeJS.WritableStream
}

/**
 * LOG_FORMAT when set; otherwise readable lines for a person at a terminal, and JSON,
 * one object per line, for whatever reads a pipe or a file (journald, a log shipper).
 */
export function chooseLogFormat(configured: LogFormat | undefined, isTTY: boolean): LogFormat {
  return configured ?? (isTTY ? 'pretty' : 'json')
}

/**
 * The request-log fields are in its message already, and pid/hostname tell a person
 * at a terminal nothing; JSON keeps them all.
 */
const PRETTY: PrettyOptions = {
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,reqId,method,url,statusCode,responseTime,component',
  messageFormat: '{if component}{component}: {end}{msg}',
  // Synchronous writes: the CLI calls process.exit() right after closing, which would
  // drop lines still queued.
  sync: true,
}

/** Fastify's logger options for the platform as `npm run serve` and the desktop app run it. */
export function loggerOptions(
  config: Pick<PlatformConfig, 'logLevel' | 'logFormat'>,
  out: LogOutput = { isTTY: process.stdout.isTTY === true },
): FastifyServerOptions['logger'] {
  const level = config.logLevel
  const captured = out.stream
  if (chooseLogFormat(config.logFormat, out.isTTY) === 'json') {
    return captured ? { level, stream: captured } : { level }
  }
  // Colours are pino-pretty's own choice (a terminal, NO_COLOR, FORCE_COLOR) on stdout.
  const target: PrettyOptions = captured ? { destination: captured, colorize: false } : {}
  return { level, stream: pretty({ ...PRETTY, ...target }) }
}
