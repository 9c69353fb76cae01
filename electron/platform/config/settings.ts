import { z } from 'zod'
import { defaultDataDir } from './data-dir'

/**
 * One environment variable the platform reads. The table below is the only place a
 * setting is declared: `loadConfig` parses the environment with it, and both
 * `serve --help` and the README's configuration table (`npm run docs:settings`)
 * are rendered from it.
 */
export interface Setting {
  env: string
  /** Parses the variable's text. It never sees an empty value: empty counts as unset. */
  schema: z.ZodType
  /** What it is for. Markdown: literal values in `backticks`, which `--help` drops. */
  description: string
  /** The default in words (markdown), for settings that have one. */
  default?: string
  /** The default as it is on this machine, for `--help`, where it differs per OS. */
  defaultHere?: () => string
}

/** The zone this machine's clock is set to, as Intl knows it (`UTC` when it knows none). */
function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const portError = { error: 'must be a port number from 0 to 65535' }
const port = (fallback: number) =>
  z.coerce
    .number(portError)
    .int(portError)
    .min(0, portError)
    .max(65535, portError)
    .default(fallback)

/** A port that stays undefined when not given; 0 ("any free port") makes no sense there. */
const fixedPortError = { error: 'must be a port number from 1 to 65535' }
const optionalFixedPort = () =>
  z.coerce
    .number(fixedPortError)
    .int(fixedPortError)
    .min(1, fixedPortError)
    .max(65535, fixedPortError)
    .optional()

const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export const LOG_FORMATS = ['pretty', 'json'] as const

/**
 * Every setting, keyed by the `PlatformConfig` field it fills (load.ts says how the few
 * that are combined or depend on another one are resolved), in the order `--help` and
 * the README list them.
 */
export const SETTINGS = {
  httpHost: {
    env: 'PHONE_SYSTEMS_HTTP_HOST',
    schema: z.string().default('127.0.0.1'),
    default: '`127.0.0.1`',
    description: 'address the HTTP server listens on',
  },
  httpPort: {
    env: 'PHONE_SYSTEMS_HTTP_PORT',
    schema: port(8780),
    default: '`8780`',
    description: 'HTTP port (`0` picks a free one)',
  },
  dataDir: {
    env: 'PHONE_SYSTEMS_DATA_DIR',
    schema: z.string().optional(),
    default:
      '`~/.local/share/phone.systems` (Linux; `$XDG_DATA_HOME/phone.systems` when that is set), ' +
      '`~/Library/Application Support/phone.systems` (macOS), `%APPDATA%\\phone.systems` (Windows); ' +
      "in the desktop app, `platform/` in the app's user-data folder",
    defaultHere: () => defaultDataDir(),
    description: 'folder for the database and the mail outbox',
  },
  publicUrl: {
    env: 'PHONE_SYSTEMS_PUBLIC_URL',
    // Trailing slashes go so that paths can be appended as `${publicUrl}/download`.
    schema: httpUrl()
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    default: '`http://<host>:<port>`, `https://…` with a TLS certificate',
    // Unset stays undefined here: the platform fills it in once the HTTP port is known.
    description: "the platform's address as users reach it; put in invitations and their QR codes",
  },
  tlsCert: {
    env: 'PHONE_SYSTEMS_TLS_CERT',
    schema: z.string().optional(),
    description:
      "PEM certificate chain (e.g. Let's Encrypt `fullchain.pem`); with `PHONE_SYSTEMS_TLS_KEY`, " +
      'the HTTP port serves `https://` and the SIP WebSocket port `wss://`',
  },
  tlsKey: {
    env: 'PHONE_SYSTEMS_TLS_KEY',
    schema: z.string().optional(),
    description:
      "PEM private key of that certificate (e.g. `privkey.pem`); readable by the platform's user only",
  },
  allowedOrigins: {
    env: 'PHONE_SYSTEMS_ALLOWED_ORIGINS',
    schema: z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i, {
              error: 'must be a comma-separated list of origins such as https://pbx.example.com',
            })
            .transform((origin) => origin.toLowerCase()),
        ),
      )
      .optional(),
    default: "the public URL's origin and the desktop app's `app://phone.systems`",
    description:
      'web origins allowed to use the API from a browser (CORS) and to open the SIP WebSocket; ' +
      'comma-separated, each `scheme://host[:port]`',
  },
  smtpUrl: {
    env: 'PHONE_SYSTEMS_SMTP_URL',
    schema: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    description:
      'mail server, `smtp://user:pass@host:port` or `smtps://…`; unset: invitations go to `<data>/outbox/`',
  },
  mailFrom: {
    env: 'PHONE_SYSTEMS_MAIL_FROM',
    schema: z.string().default('phone.systems <no-reply@phone.systems.invalid>'),
    default: '`phone.systems <no-reply@phone.systems.invalid>`',
    description: 'sender of invitation emails',
  },
  adminEmail: {
    env: 'PHONE_SYSTEMS_ADMIN_EMAIL',
    schema: z.email({ error: 'must be a valid email address' }).optional(),
    description:
      'first admin, created at start-up when no admin exists; set together with `PHONE_SYSTEMS_ADMIN_PASSWORD`',
  },
  adminPassword: {
    env: 'PHONE_SYSTEMS_ADMIN_PASSWORD',
    schema: z.string().min(12, { error: 'must be at least 12 characters' }).optional(),
    description: 'password of that first admin (at least 12 characters)',
  },
  sipDomain: {
    env: 'PHONE_SYSTEMS_SIP_DOMAIN',
    schema: z.string().optional(),
    default: 'the HTTP host',
    description: 'SIP domain of user addresses (`sip:u42@<domain>`)',
  },
  sipWsPort: {
    env: 'PHONE_SYSTEMS_SIP_WS_PORT',
    schema: port(8781),
    default: '`8781`',
    description: "Kamailio's WebSocket port for softphones",
  },
  sipPort: {
    env: 'PHONE_SYSTEMS_SIP_PORT',
    schema: port(5080),
    default: '`5080`',
    description: "Kamailio's UDP/TCP port for SIP trunks",
  },
  sipHost: {
    env: 'PHONE_SYSTEMS_SIP_HOST',
    // Kept undefined rather than defaulted, so "was it set" stays visible.
    schema: z.string().optional(),
    default: 'the HTTP host',
    description:
      'address Kamailio listens on for SIP and WebSocket (`0.0.0.0`: every IPv4 address)',
  },
  sipRpcPort: {
    env: 'PHONE_SYSTEMS_SIP_RPC_PORT',
    schema: optionalFixedPort(),
    default: '`8782` for the Kamailio the platform runs',
    description:
      "Kamailio's JSON-RPC port on 127.0.0.1, used to drop revoked devices at once; " +
      'with `PHONE_SYSTEMS_KAMAILIO=off`, set it to where an external Kamailio on this host listens',
  },
  sipRpcKey: {
    env: 'PHONE_SYSTEMS_SIP_RPC_KEY',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{32,}$/, {
        error: 'must be at least 32 letters, digits, - or _ (e.g. openssl rand -hex 32)',
      })
      .optional(),
    default: 'a new random key at each start, for the Kamailio the platform runs',
    description:
      "secret the platform sends with every call to Kamailio's JSON-RPC, which refuses calls without it; " +
      'with `PHONE_SYSTEMS_KAMAILIO=off`, render the external config with the same value',
  },
  sipWsUrl: {
    env: 'PHONE_SYSTEMS_SIP_WS_URL',
    schema: z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' }).optional(),
    default: '`ws://<sip domain>:<ws port>`, `wss://…` with a TLS certificate',
    description: 'WebSocket URL softphones connect to (use `wss://` in production)',
  },
  kamailio: {
    env: 'PHONE_SYSTEMS_KAMAILIO',
    schema: z.string().default('kamailio'),
    default: '`kamailio`',
    description: 'Kamailio binary to run as a child process, or `off` for an external one',
  },
  trunkUri: {
    env: 'PHONE_SYSTEMS_TRUNK_URI',
    schema: z
      .string()
      .regex(/^sips?:/, { error: 'must be a sip: or sips: URI' })
      .optional(),
    description: 'SIP URI of the carrier for external calls',
  },
  downloadUrl: {
    env: 'PHONE_SYSTEMS_DOWNLOAD_URL',
    schema: httpUrl().optional(),
    description:
      'where the desktop app is downloaded (a release page), linked from the `/download` page the invitations point to; unset: that page offers the web softphone only',
  },
  updateUrl: {
    env: 'PHONE_SYSTEMS_UPDATE_URL',
    // Declared here so that every variable is in one table, `--help` and the README;
    // electron/main/updates/feed-url.ts reads it, the platform does not use it.
    schema: httpUrl()
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    default:
      'the feed the installer was built with (`npm run package` requires the variable); none, so no update checks, when run from source',
    description:
      'read by the desktop app, not the platform: its update feed, a folder served over HTTP(S) ' +
      'holding what `npm run package` built (`latest.yml`, `latest-mac.yml`, `latest-linux.yml` ' +
      'and the installers); set at build time it is written into the installers',
  },
  companyName: {
    env: 'PHONE_SYSTEMS_COMPANY_NAME',
    schema: z.string().trim().max(100, { error: 'must be at most 100 characters' }).optional(),
    description: 'company name used in invitation emails',
  },
  timeZone: {
    env: 'PHONE_SYSTEMS_TIME_ZONE',
    schema: z
      .string()
      .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Copenhagen' })
      .default(serverTimeZone),
    default: "the server's time zone",
    defaultHere: serverTimeZone,
    description: 'time zone of the expiry times in invitation emails, e.g. `Europe/Copenhagen`',
  },
  invitationTtlMs: {
    env: 'PHONE_SYSTEMS_INVITATION_TTL_HOURS',
    schema: z.coerce
      .number({ error: 'must be a number of hours' })
      .positive({ error: 'must be a positive number of hours' })
      .max(24 * 365, { error: 'must be at most a year' })
      .default(168)
      .transform((hours) => hours * 3_600_000),
    default: '`168`',
    description: 'how long an authentication code stays valid, in hours',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
    default: '`info`',
    description:
      'least severe log lines written; HTTP requests are logged at `debug`, ' +
      'except failed (5xx, `error`) and slow ones (`warn`)',
  },
  logFormat: {
    env: 'LOG_FORMAT',
    schema: z.enum(LOG_FORMATS, { error: 'must be pretty or json' }).optional(),
    default: '`pretty` on a terminal, `json` otherwise',
    description: 'log lines for people (`pretty`) or one JSON object per line (`json`)',
  },
} satisfies Record<string, Setting>

/** The parsed value of each setting, by `PlatformConfig` field. */
export type SettingValues = {
  [K in keyof typeof SETTINGS]: z.output<(typeof SETTINGS)[K]['schema']>
}
