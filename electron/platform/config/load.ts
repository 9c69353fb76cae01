import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createSecureContext } from 'node:tls'
import { defaultDataDir } from './data-dir'
import { SETTINGS, type SettingValues } from './settings'

/** Settings that are not used as parsed: combined, or defaulted from another one. */
type ResolvedSettings =
  'dataDir' | 'sipDomain' | 'adminEmail' | 'adminPassword' | 'tlsCert' | 'tlsKey'

/** A certificate and its key, as absolute paths of PEM files checked to belong together. */
export interface TlsFiles {
  cert: string
  key: string
}

/** What the platform runs with: every setting of SETTINGS, with these few resolved. */
export type PlatformConfig = Omit<SettingValues, ResolvedSettings> & {
  /** Absolute. Unset: the OS's per-user data folder (data-dir.ts). */
  dataDir: string
  /** Unset: the HTTP host. */
  sipDomain: string
  /** PHONE_SYSTEMS_ADMIN_EMAIL and PHONE_SYSTEMS_ADMIN_PASSWORD, which come together. */
  admin: { email: string; password: string } | undefined
  /**
   * PHONE_SYSTEMS_TLS_CERT and PHONE_SYSTEMS_TLS_KEY, which come together. Set: HTTPS on
   * the HTTP port and WSS on the SIP WebSocket port. Paths, not contents: Kamailio reads
   * the files itself.
   */
  tls: TlsFiles | undefined
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/**
 * Parses every setting, reporting all bad ones at once, each as `VARIABLE: reason`.
 * An empty variable counts as unset, as `FOO= npm run serve` means "no value".
 */
function parseSettings(env: NodeJS.ProcessEnv): SettingValues {
  const values: Record<string, unknown> = {}
  const problems: string[] = []
  for (const [key, setting] of Object.entries(SETTINGS)) {
    const raw = env[setting.env]
    const parsed = setting.schema.safeParse(raw === '' ? undefined : raw)
    if (parsed.success) values[key] = parsed.data
    else problems.push(...parsed.error.issues.map((issue) => `${setting.env}: ${issue.message}`))
  }
  if (problems.length) throw new ConfigError(problems)
  // Every key of SETTINGS was filled with the output of its own schema just above.
  return values as SettingValues
}

/** Reads the platform's configuration from the environment; a bad value names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const { dataDir, sipDomain, adminEmail, adminPassword, tlsCert, tlsKey, ...asParsed } =
    parseSettings(env)
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError([
      `${SETTINGS.adminEmail.env} and ${SETTINGS.adminPassword.env}: set both or neither`,
    ])
  }
  return {
    ...asParsed,
    tls: tlsFiles(tlsCert, tlsKey),
    dataDir: path.resolve(dataDir ?? defaultDataDir(env)),
    sipDomain: sipDomain ?? asParsed.httpHost,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
  }
}

/**
 * Checks the certificate and key at load rather than at the first TLS handshake: a
 * typo, a file the platform's user may not read, or a key of another certificate
 * stops the start with a message naming the variable, instead of an HTTPS server
 * that cannot start and a Kamailio that exits with a TLS error in its log.
 */
function tlsFiles(cert: string | undefined, key: string | undefined): TlsFiles | undefined {
  const { env: certEnv } = SETTINGS.tlsCert
  const { env: keyEnv } = SETTINGS.tlsKey
  if (Boolean(cert) !== Boolean(key)) {
    throw new ConfigError([`${certEnv} and ${keyEnv}: set both or neither`])
  }
  if (!cert || !key) return undefined
  const files = { cert: path.resolve(cert), key: path.resolve(key) }
  const problems: string[] = []
  const read = (env: string, file: string) => {
    try {
      return readFileSync(file, 'utf8')
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? String(err)
      problems.push(`${env}: cannot read ${file} (${reason})`)
      return undefined
    }
  }
  const certPem = read(certEnv, files.cert)
  const keyPem = read(keyEnv, files.key)
  if (problems.length) throw new ConfigError(problems)
  try {
    // Parses both PEM files and checks that the key is the certificate's.
    createSecureContext({ cert: certPem, key: keyPem })
  } catch (err) {
    throw new ConfigError([
      `${certEnv} and ${keyEnv}: not a PEM certificate and its private key ` +
        `(${err instanceof Error ? err.message : String(err)})`,
    ])
  }
  return files
}
