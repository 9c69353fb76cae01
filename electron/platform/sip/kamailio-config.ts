import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { lookup } from 'node:dns/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { allowedOrigins, type PlatformConfig } from '../config'
import { SIP_BLOCKING } from './blocking-limits'

/** Kamailio's JSON-RPC port on 127.0.0.1 when PHONE_SYSTEMS_SIP_RPC_PORT is unset. */
export const DEFAULT_RPC_PORT = 8782

/**
 * The header that carries the RPC key. A web page can send a "simple"
 * cross-origin POST to a loopback port without asking first, but not one with
 * a custom header, so the key also keeps browsers out, not only local users.
 */
export const RPC_KEY_HEADER = 'X-Phone-Systems-Rpc-Key'

const TEMPLATE_NAME = 'kamailio.cfg.template'
export const TLS_CONFIG_NAME = 'tls.cfg'

/** Everything the template needs, already checked to be safe to paste into it. */
export interface KamailioSettings {
  sipDomain: string
  /** IP addresses the SIP (UDP+TCP) and WebSocket listeners bind to. */
  listenAddresses: string[]
  sipPort: number
  wsPort: number
  rpcPort: number
  /** Secret every JSON-RPC request must carry (header RPC_KEY_HEADER). */
  rpcKey: string
  /** Web origins allowed to open the SIP WebSocket; requests without Origin are native clients. */
  allowedOrigins: string[]
  databaseFile: string
  trunk: TrunkTarget | undefined
  /** Set: the WebSocket port speaks TLS only (wss://), with this certificate. */
  tls: KamailioTls | undefined
}

export interface KamailioTls {
  /** PEM certificate chain and private key (PHONE_SYSTEMS_TLS_CERT, PHONE_SYSTEMS_TLS_KEY). */
  cert: string
  key: string
  /** Where the tls module's own config file (renderTlsConfig) is written. */
  configFile: string
}

export interface TrunkTarget {
  /** Where external calls go, as configured: becomes the destination URI. */
  uri: string
  /** host:port for the Request-URI of calls to the carrier. */
  hostPort: string
  /** Source address the carrier's own requests come from. */
  ip: string
  port: number
}

/**
 * The template ships in deploy/kamailio/. It is looked up next to the source
 * (tsx, vitest: electron/platform/sip/), next to the bundle (out/main/), and
 * in Electron's resources folder for a packaged app.
 */
export function findTemplate(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const resources = (process as { resourcesPath?: string }).resourcesPath
  const candidates = [
    path.resolve(here, '../../../deploy/kamailio', TEMPLATE_NAME),
    path.resolve(here, '../../deploy/kamailio', TEMPLATE_NAME),
    ...(resources ? [path.join(resources, 'kamailio', TEMPLATE_NAME)] : []),
  ]
  return candidates.find((file) => existsSync(file))
}

// Values are pasted into a config file: anything that could close a string or
// start a new statement is refused rather than escaped.
const SAFE_DOMAIN = /^[A-Za-z0-9.-]+$/
const SAFE_HOST = /^[A-Za-z0-9.:-]+$/
const SAFE_TEXT = /^[^"\r\n\\{}]+$/
const SAFE_KEY = /^[A-Za-z0-9_-]{32,}$/
const SAFE_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.:[\]-]+$/
// tls.cfg is an INI-like file: a path with blanks, quotes, `#` (comment), `=` or `[`
// would be cut or read as something else there.
const SAFE_PATH = /^[^\s"'\\{}#;=[\]]+$/

function requireSafe(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value))
    throw new Error(`${what} cannot be used in the Kamailio config: ${value}`)
  return value
}

/** Parses `sip:[user@]host[:port][;params]`; the carrier's address for both directions. */
export async function resolveTrunk(uri: string): Promise<TrunkTarget> {
  requireSafe(uri, SAFE_TEXT, 'PHONE_SYSTEMS_TRUNK_URI')
  const m = /^(sips?):(?:[^@;]*@)?(\[[0-9A-Fa-f:.]+\]|[^:;?]+)(?::(\d+))?/.exec(uri)
  if (!m) throw new Error(`PHONE_SYSTEMS_TRUNK_URI is not a SIP URI: ${uri}`)
  const scheme = m[1]!
  const host = m[2]!
  const port = m[3] ? Number(m[3]) : scheme === 'sips' ? 5061 : 5060
  const bareHost = host.replace(/^\[|\]$/g, '')
  requireSafe(bareHost, SAFE_HOST, 'PHONE_SYSTEMS_TRUNK_URI host')
  // Kamailio compares the source IP of requests; a name is resolved once per start.
  const ip = net.isIP(bareHost) ? bareHost : (await lookup(bareHost)).address
  return { uri, hostPort: `${host}:${port}`, ip, port }
}

/** The addresses to bind: a wildcard means every IPv4 address of the machine. */
export async function listenAddresses(host: string): Promise<string[]> {
  if (host === '0.0.0.0' || host === '::' || host === '*') {
    const all = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.family === 'IPv4')
      .map((i) => i!.address)
    return [...new Set(all)]
  }
  if (net.isIP(host)) return [host]
  const resolved = await lookup(host, { all: true })
  return [...new Set(resolved.map((r) => r.address))]
}

/** What the SIP edge needs beyond the settings: the RPC key and the public URL, known at start. */
export interface EdgeSecrets {
  rpcKey: string
  publicUrl: string
}

export async function kamailioSettings(
  config: PlatformConfig,
  databaseFile: string,
  edge: EdgeSecrets,
): Promise<KamailioSettings> {
  const settings: KamailioSettings = {
    sipDomain: requireSafe(config.sipDomain, SAFE_DOMAIN, 'PHONE_SYSTEMS_SIP_DOMAIN'),
    listenAddresses: await listenAddresses(config.sipHost ?? config.httpHost),
    sipPort: config.sipPort,
    wsPort: config.sipWsPort,
    rpcPort: config.sipRpcPort ?? DEFAULT_RPC_PORT,
    rpcKey: requireSafe(edge.rpcKey, SAFE_KEY, 'The RPC key'),
    allowedOrigins: allowedOrigins({ ...config, publicUrl: edge.publicUrl }).map((origin) =>
      requireSafe(origin, SAFE_ORIGIN, 'PHONE_SYSTEMS_ALLOWED_ORIGINS'),
    ),
    databaseFile: requireSafe(path.resolve(databaseFile), SAFE_TEXT, 'The database path'),
    trunk: config.trunkUri ? await resolveTrunk(config.trunkUri) : undefined,
    tls: config.tls && {
      cert: requireSafe(config.tls.cert, SAFE_PATH, 'PHONE_SYSTEMS_TLS_CERT'),
      key: requireSafe(config.tls.key, SAFE_PATH, 'PHONE_SYSTEMS_TLS_KEY'),
      configFile: requireSafe(
        path.join(kamailioDir(config), TLS_CONFIG_NAME),
        SAFE_PATH,
        'The TLS config path (under PHONE_SYSTEMS_DATA_DIR)',
      ),
    },
  }
  const ports = [settings.sipPort, settings.wsPort, settings.rpcPort]
  if (ports.includes(0)) throw new Error('Kamailio needs fixed SIP, WebSocket and RPC ports, not 0')
  if (new Set(ports).size !== ports.length) {
    throw new Error(`Kamailio's SIP, WebSocket and RPC ports must differ: ${ports.join(', ')}`)
  }
  if (settings.listenAddresses.length === 0) throw new Error('No address for Kamailio to listen on')
  return settings
}

const bracket = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip)

/**
 * With TLS the WebSocket port is a `tls:` listener only: a plain `ws://` client gets
 * no answer there, so nobody can fall back to sending credentials in clear. The SIP
 * port for trunks stays UDP/TCP (carriers' own business; docs/kamailio.md).
 */
function listenLines(s: KamailioSettings): string {
  const wsProto = s.tls ? 'tls' : 'tcp'
  return s.listenAddresses
    .flatMap((ip) => [
      `listen=udp:${bracket(ip)}:${s.sipPort}`,
      `listen=tcp:${bracket(ip)}:${s.sipPort}`,
      `listen=${wsProto}:${bracket(ip)}:${s.wsPort}`,
    ])
    .join('\n')
}

/**
 * The tls module's config: the server side only, for the WebSocket listener.
 * Softphones are not asked for client certificates; they authenticate with digest.
 */
export function renderTlsConfig(tls: KamailioTls): string {
  return [
    '# Rendered by phone.systems from PHONE_SYSTEMS_TLS_CERT and PHONE_SYSTEMS_TLS_KEY.',
    '[server:default]',
    'method = TLSv1.2+',
    'verify_certificate = no',
    'require_certificate = no',
    `certificate = ${tls.cert}`,
    `private_key = ${tls.key}`,
    '',
  ].join('\n')
}

/**
 * The WebSocket handshake's Origin test: Kamailio compares the header with
 * each allowed origin (exact strings, no regular expression to get wrong).
 */
function originAllowed(s: KamailioSettings): string {
  return s.allowedOrigins.map((origin) => `$hdr(Origin) == "${origin}"`).join(' || ')
}

/** Fills every `{{NAME}}` of the template; a placeholder left over is a bug, not a default. */
export function renderKamailioConfig(template: string, s: KamailioSettings): string {
  const values: Record<string, string> = {
    SIP_DOMAIN: s.sipDomain,
    SIP_LISTEN: listenLines(s),
    SIP_PORT: String(s.sipPort),
    WS_PORT: String(s.wsPort),
    RPC_PORT: String(s.rpcPort),
    RPC_KEY_HEADER,
    RPC_KEY: s.rpcKey,
    ORIGIN_ALLOWED: originAllowed(s),
    AUTH_FAIL_LIMIT: String(SIP_BLOCKING.authFailLimit),
    AUTH_FAIL_WINDOW: String(SIP_BLOCKING.authFailWindowSeconds),
    BLOCK_SECONDS: String(SIP_BLOCKING.blockSeconds),
    // db_sqlite drops the first '/' after sqlite://, so an absolute path makes four.
    DB_URL: `sqlite:///${s.databaseFile}`,
    TRUNK_DEFINE: s.trunk ? '#!define WITH_TRUNK' : '# no PHONE_SYSTEMS_TRUNK_URI: no trunk',
    TRUNK_URI: s.trunk?.uri ?? '',
    TRUNK_HOSTPORT: s.trunk?.hostPort ?? '',
    TRUNK_IP: s.trunk?.ip ?? '0.0.0.0',
    TRUNK_PORT: String(s.trunk?.port ?? 0),
    TLS_DEFINE: s.tls ? '#!define WITH_TLS' : '# no PHONE_SYSTEMS_TLS_CERT: plain ws://',
    TLS_CONFIG: s.tls?.configFile ?? '',
  }
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name]
    if (value === undefined)
      throw new Error(`Unknown placeholder ${whole} in the Kamailio template`)
    return value
  })
}

/**
 * Renders the template for this configuration and writes it to
 * `<dataDir>/kamailio/kamailio.cfg` (atomically: a Kamailio restarted while
 * this runs never reads half a file). Returns the file's path.
 */
export async function writeKamailioConfig(
  config: PlatformConfig,
  databaseFile: string,
  edge: EdgeSecrets,
  templateFile = findTemplate(),
): Promise<{ file: string; settings: KamailioSettings }> {
  if (!templateFile) throw new Error(`${TEMPLATE_NAME} not found (deploy/kamailio/)`)
  const settings = await kamailioSettings(config, databaseFile, edge)
  const text = renderKamailioConfig(await readFile(templateFile, 'utf8'), settings)
  const dir = kamailioDir(config)
  await mkdir(dir, { recursive: true })
  if (settings.tls) await writePrivateFile(settings.tls.configFile, renderTlsConfig(settings.tls))
  const file = path.join(dir, 'kamailio.cfg')
  await writePrivateFile(file, text)
  return { file, settings }
}

/**
 * Written whole or not at all, mode 0600: kamailio.cfg holds the RPC key, tls.cfg
 * says where the private key is.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}

/** Kamailio's own folder under the data folder: config, pid file, runtime dir. */
export function kamailioDir(config: PlatformConfig): string {
  return path.join(config.dataDir, 'kamailio')
}
