import path from 'node:path'
import { defaultDataDir } from './data-dir'
import { SETTINGS, type SettingValues } from './settings'

/** Settings that are not used as parsed: combined, or defaulted from another one. */
type ResolvedSettings = 'dataDir' | 'sipDomain' | 'adminEmail' | 'adminPassword'

/** What the platform runs with: every setting of SETTINGS, with these few resolved. */
export type PlatformConfig = Omit<SettingValues, ResolvedSettings> & {
  /** Absolute. Unset: the OS's per-user data folder (data-dir.ts). */
  dataDir: string
  /** Unset: the HTTP host. */
  sipDomain: string
  /** PHONE_SYSTEMS_ADMIN_EMAIL and PHONE_SYSTEMS_ADMIN_PASSWORD, which come together. */
  admin: { email: string; password: string } | undefined
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
  const { dataDir, sipDomain, adminEmail, adminPassword, ...asParsed } = parseSettings(env)
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError([
      `${SETTINGS.adminEmail.env} and ${SETTINGS.adminPassword.env}: set both or neither`,
    ])
  }
  return {
    ...asParsed,
    dataDir: path.resolve(dataDir ?? defaultDataDir(env)),
    sipDomain: sipDomain ?? asParsed.httpHost,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
  }
}
