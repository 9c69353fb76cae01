import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

/** One environment variable the platform reads: its name, default and meaning, for `--help`. */
interface Setting {
  env: string
  help: string
  default?: string
}

export const SETTINGS: readonly Setting[] = [
  {
    env: 'PHONE_SYSTEMS_HTTP_HOST',
    default: '127.0.0.1',
    help: 'address the HTTP server listens on',
  },
  { env: 'PHONE_SYSTEMS_HTTP_PORT', default: '8780', help: 'HTTP port (0 picks a free one)' },
  {
    env: 'PHONE_SYSTEMS_DATA_DIR',
    default: defaultDataDir(),
    help: 'folder for the database and the mail outbox',
  },
  {
    env: 'PHONE_SYSTEMS_PUBLIC_URL',
    default: 'http://<host>:<port>',
    help: 'address of this platform as users reach it; put in invitations',
  },
  {
    env: 'PHONE_SYSTEMS_SMTP_URL',
    help: 'smtp:// or smtps:// URL of the mail server; unset: invitations go to <data>/outbox/',
  },
  {
    env: 'PHONE_SYSTEMS_MAIL_FROM',
    default: 'phone.systems <no-reply@phone.systems.invalid>',
    help: 'sender of invitation emails',
  },
  { env: 'PHONE_SYSTEMS_ADMIN_EMAIL', help: 'first admin, created at start-up if no admin exists' },
  {
    env: 'PHONE_SYSTEMS_ADMIN_PASSWORD',
    help: 'password of that first admin (at least 12 characters)',
  },
  { env: 'PHONE_SYSTEMS_SIP_DOMAIN', default: '<http host>', help: 'SIP domain of user addresses' },
  {
    env: 'PHONE_SYSTEMS_SIP_WS_PORT',
    default: '8781',
    help: 'Kamailio WebSocket port for softphones',
  },
  { env: 'PHONE_SYSTEMS_SIP_PORT', default: '5080', help: 'Kamailio UDP/TCP port for SIP trunks' },
  {
    env: 'PHONE_SYSTEMS_SIP_HOST',
    default: '<http host>',
    help: 'address Kamailio listens on for SIP and WebSocket (0.0.0.0: every IPv4 address)',
  },
  {
    env: 'PHONE_SYSTEMS_SIP_RPC_PORT',
    default: '8782',
    help: 'Kamailio JSON-RPC port on 127.0.0.1, used to drop revoked devices at once',
  },
  {
    env: 'PHONE_SYSTEMS_SIP_WS_URL',
    default: 'ws://<sip domain>:<ws port>',
    help: 'WebSocket URL softphones connect to',
  },
  {
    env: 'PHONE_SYSTEMS_KAMAILIO',
    default: 'kamailio',
    help: 'Kamailio binary to run as a child process, or "off" for an external one',
  },
  { env: 'PHONE_SYSTEMS_TRUNK_URI', help: 'SIP URI of the carrier for external calls' },
  {
    env: 'PHONE_SYSTEMS_DOWNLOAD_URL',
    default: '<public url>/download',
    help: 'app download link put in invitations',
  },
  {
    env: 'PHONE_SYSTEMS_INVITATION_TTL_HOURS',
    default: '168',
    help: 'how long an authentication code stays valid',
  },
]

function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.APPDATA) {
    return path.join(env.APPDATA, 'phone.systems')
  }
  if (process.platform === 'darwin') {
    return path.join(os.homedir(), 'Library', 'Application Support', 'phone.systems')
  }
  const xdg = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share')
  return path.join(xdg, 'phone.systems')
}

/** An empty variable counts as unset, as `FOO= npm run serve` means "no value". */
const blankAsUnset = (v: unknown) => (v === '' ? undefined : v)

const port = (fallback: number) =>
  z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a port number from 0 to 65535' })
      .int({ error: 'must be a port number from 0 to 65535' })
      .min(0, { error: 'must be a port number from 0 to 65535' })
      .max(65535, { error: 'must be a port number from 0 to 65535' })
      .default(fallback),
  )

/** A port with no default: the setting stays undefined when not given. */
const anyPort = () =>
  z.coerce
    .number({ error: 'must be a port number from 1 to 65535' })
    .int({ error: 'must be a port number from 1 to 65535' })
    .min(1, { error: 'must be a port number from 1 to 65535' })
    .max(65535, { error: 'must be a port number from 1 to 65535' })

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional())

const envSchema = z.object({
  PHONE_SYSTEMS_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  PHONE_SYSTEMS_HTTP_PORT: port(8780),
  PHONE_SYSTEMS_DATA_DIR: optional(z.string()),
  PHONE_SYSTEMS_PUBLIC_URL: optional(httpUrl),
  PHONE_SYSTEMS_SMTP_URL: optional(
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }),
  ),
  PHONE_SYSTEMS_MAIL_FROM: optional(z.string()),
  PHONE_SYSTEMS_ADMIN_EMAIL: optional(z.email({ error: 'must be a valid email address' })),
  PHONE_SYSTEMS_ADMIN_PASSWORD: optional(
    z.string().min(12, { error: 'must be at least 12 characters' }),
  ),
  PHONE_SYSTEMS_SIP_DOMAIN: optional(z.string()),
  PHONE_SYSTEMS_SIP_WS_PORT: port(8781),
  PHONE_SYSTEMS_SIP_PORT: port(5080),
  PHONE_SYSTEMS_SIP_HOST: optional(z.string().min(1)),
  PHONE_SYSTEMS_SIP_RPC_PORT: optional(anyPort()),
  PHONE_SYSTEMS_SIP_WS_URL: optional(
    z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' }),
  ),
  PHONE_SYSTEMS_KAMAILIO: optional(z.string()),
  PHONE_SYSTEMS_TRUNK_URI: optional(
    z.string().regex(/^sips?:/, { error: 'must be a sip: or sips: URI' }),
  ),
  PHONE_SYSTEMS_DOWNLOAD_URL: optional(httpUrl),
  PHONE_SYSTEMS_INVITATION_TTL_HOURS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a number of hours' })
      .positive({ error: 'must be a positive number of hours' })
      .max(24 * 365, { error: 'must be at most a year' })
      .default(168),
  ),
})

export interface PlatformConfig {
  httpHost: string
  httpPort: number
  dataDir: string
  /** Resolved once the HTTP port is known when it was 0. */
  publicUrl: string | undefined
  smtpUrl: string | undefined
  mailFrom: string
  admin: { email: string; password: string } | undefined
  sipDomain: string
  sipWsPort: number
  sipPort: number
  /** Unset: the HTTP host. Kept undefined rather than defaulted so "was it set" stays visible. */
  sipHost: string | undefined
  /**
   * Kamailio's loopback JSON-RPC port. Unset: 8782 for the Kamailio the platform runs;
   * with PHONE_SYSTEMS_KAMAILIO=off, set means "an external Kamailio on this host listens
   * here", and revocations are sent to it.
   */
  sipRpcPort: number | undefined
  sipWsUrl: string | undefined
  kamailio: string | 'off'
  trunkUri: string | undefined
  downloadUrl: string | undefined
  invitationTtlMs: number
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads the platform's configuration from the environment; a bad value names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  const adminEmail = e.PHONE_SYSTEMS_ADMIN_EMAIL
  const adminPassword = e.PHONE_SYSTEMS_ADMIN_PASSWORD
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError([
      'PHONE_SYSTEMS_ADMIN_EMAIL and PHONE_SYSTEMS_ADMIN_PASSWORD: set both or neither',
    ])
  }
  return {
    httpHost: e.PHONE_SYSTEMS_HTTP_HOST,
    httpPort: e.PHONE_SYSTEMS_HTTP_PORT,
    dataDir: path.resolve(e.PHONE_SYSTEMS_DATA_DIR ?? defaultDataDir(env)),
    publicUrl: e.PHONE_SYSTEMS_PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: e.PHONE_SYSTEMS_SMTP_URL,
    mailFrom: e.PHONE_SYSTEMS_MAIL_FROM ?? 'phone.systems <no-reply@phone.systems.invalid>',
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    sipDomain: e.PHONE_SYSTEMS_SIP_DOMAIN ?? e.PHONE_SYSTEMS_HTTP_HOST,
    sipWsPort: e.PHONE_SYSTEMS_SIP_WS_PORT,
    sipPort: e.PHONE_SYSTEMS_SIP_PORT,
    sipHost: e.PHONE_SYSTEMS_SIP_HOST,
    sipRpcPort: e.PHONE_SYSTEMS_SIP_RPC_PORT,
    sipWsUrl: e.PHONE_SYSTEMS_SIP_WS_URL,
    kamailio: e.PHONE_SYSTEMS_KAMAILIO ?? 'kamailio',
    trunkUri: e.PHONE_SYSTEMS_TRUNK_URI,
    downloadUrl: e.PHONE_SYSTEMS_DOWNLOAD_URL,
    invitationTtlMs: e.PHONE_SYSTEMS_INVITATION_TTL_HOURS * 3_600_000,
  }
}

/** The text of `serve --help`. */
export function helpText(): string {
  const width = Math.max(...SETTINGS.map((s) => s.env.length))
  const lines = SETTINGS.map((s) => {
    const dflt = s.default ? ` (default: ${s.default})` : ''
    return `  ${s.env.padEnd(width)}  ${s.help}${dflt}`
  })
  return [
    'Usage: npm run serve [-- --help]',
    '',
    'Runs the phone.systems platform headless: REST API under /api, the softphone at /',
    'and the admin console at /admin, with Kamailio as a child process when installed.',
    '',
    'Configuration (environment variables, all optional):',
    ...lines,
    '',
  ].join('\n')
}
