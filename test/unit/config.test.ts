import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigError, SETTINGS, helpText, loadConfig } from '../../electron/platform/config'
import { makeTestCertificates } from '../fixtures/tls'

// A real certificate and key: loadConfig reads and checks them.
const certDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-config-tls-'))
const certs = await makeTestCertificates(certDir)
afterAll(() => rm(certDir, { recursive: true, force: true }))

/** The ConfigError `loadConfig(env)` throws; fails the test if it does not throw one. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return err as ConfigError
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('loadConfig defaults', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      httpHost: '127.0.0.1',
      httpPort: 8780,
      sipWsPort: 8781,
      sipPort: 5080,
      publicUrl: undefined,
      smtpUrl: undefined,
      mailFrom: 'phone.systems <no-reply@phone.systems.invalid>',
      admin: undefined,
      tls: undefined,
      sipDomain: '127.0.0.1',
      sipWsUrl: undefined,
      kamailio: 'kamailio',
      trunkUri: undefined,
      downloadUrl: undefined,
      updateUrl: undefined,
      companyName: undefined,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      invitationTtlMs: 7 * 24 * 3_600_000,
      logLevel: 'info',
      logFormat: undefined,
    })
  })

  it.runIf(process.platform === 'linux')('keeps data under $XDG_DATA_HOME/phone.systems', () => {
    expect(loadConfig({ XDG_DATA_HOME: '/srv/xdg-data' }).dataDir).toBe(
      '/srv/xdg-data/phone.systems',
    )
  })

  it.runIf(process.platform === 'linux')('falls back to ~/.local/share/phone.systems', () => {
    vi.stubEnv('XDG_DATA_HOME', '')
    vi.stubEnv('HOME', '/home/ada')
    expect(loadConfig({}).dataDir).toBe('/home/ada/.local/share/phone.systems')
  })

  it.runIf(process.platform === 'linux')(
    'takes XDG_DATA_HOME from the environment it is given, like every other variable',
    () => {
      vi.stubEnv('XDG_DATA_HOME', '/srv/process-env')
      expect(loadConfig({ XDG_DATA_HOME: '/srv/given-env' }).dataDir).toBe(
        '/srv/given-env/phone.systems',
      )
    },
  )

  it('treats an empty variable as unset', () => {
    const config = loadConfig({
      PHONE_SYSTEMS_HTTP_PORT: '',
      PHONE_SYSTEMS_SIP_WS_PORT: '',
      PHONE_SYSTEMS_SIP_PORT: '',
      PHONE_SYSTEMS_SMTP_URL: '',
      PHONE_SYSTEMS_PUBLIC_URL: '',
    })
    expect(config).toMatchObject({
      httpPort: 8780,
      sipWsPort: 8781,
      sipPort: 5080,
      smtpUrl: undefined,
      publicUrl: undefined,
    })
  })
})

/** A valid value for every setting. */
const EVERY_VARIABLE: Record<string, string> = {
  PHONE_SYSTEMS_HTTP_HOST: '0.0.0.0',
  PHONE_SYSTEMS_HTTP_PORT: '0',
  PHONE_SYSTEMS_DATA_DIR: '/var/lib/phone-systems',
  PHONE_SYSTEMS_PUBLIC_URL: 'https://pbx.example.com//',
  PHONE_SYSTEMS_TLS_CERT: certs.certFile,
  PHONE_SYSTEMS_TLS_KEY: certs.keyFile,
  PHONE_SYSTEMS_SMTP_URL: 'smtps://user:pass@mail.example.com:465',
  PHONE_SYSTEMS_MAIL_FROM: 'PBX <pbx@example.com>',
  PHONE_SYSTEMS_ADMIN_EMAIL: 'admin@example.com',
  PHONE_SYSTEMS_ADMIN_PASSWORD: 'twelve chars',
  PHONE_SYSTEMS_SIP_DOMAIN: 'sip.example.com',
  PHONE_SYSTEMS_SIP_WS_PORT: '9001',
  PHONE_SYSTEMS_SIP_PORT: '5060',
  PHONE_SYSTEMS_SIP_HOST: '0.0.0.0',
  PHONE_SYSTEMS_SIP_RPC_PORT: '9002',
  PHONE_SYSTEMS_SIP_RPC_KEY: 'k'.repeat(32),
  PHONE_SYSTEMS_ALLOWED_ORIGINS: 'https://pbx.example.com, APP://phone.systems',
  PHONE_SYSTEMS_SIP_WS_URL: 'wss://sip.example.com:9001',
  PHONE_SYSTEMS_KAMAILIO: 'off',
  PHONE_SYSTEMS_TRUNK_URI: 'sip:trunk.example.net',
  PHONE_SYSTEMS_DOWNLOAD_URL: 'https://example.com/app',
  PHONE_SYSTEMS_UPDATE_URL: 'https://example.com/updates/',
  PHONE_SYSTEMS_COMPANY_NAME: ' Example Ltd ',
  PHONE_SYSTEMS_TIME_ZONE: 'Europe/Copenhagen',
  PHONE_SYSTEMS_INVITATION_TTL_HOURS: '24',
  LOG_LEVEL: 'debug',
  LOG_FORMAT: 'json',
}

describe('loadConfig with values', () => {
  it('reads every variable', () => {
    const config = loadConfig(EVERY_VARIABLE)
    expect(config).toEqual({
      httpHost: '0.0.0.0',
      httpPort: 0,
      dataDir: path.resolve('/var/lib/phone-systems'),
      publicUrl: 'https://pbx.example.com',
      tls: { cert: certs.certFile, key: certs.keyFile },
      smtpUrl: 'smtps://user:pass@mail.example.com:465',
      mailFrom: 'PBX <pbx@example.com>',
      admin: { email: 'admin@example.com', password: 'twelve chars' },
      sipDomain: 'sip.example.com',
      sipWsPort: 9001,
      sipPort: 5060,
      sipHost: '0.0.0.0',
      sipRpcPort: 9002,
      sipRpcKey: 'k'.repeat(32),
      allowedOrigins: ['https://pbx.example.com', 'app://phone.systems'],
      sipWsUrl: 'wss://sip.example.com:9001',
      kamailio: 'off',
      trunkUri: 'sip:trunk.example.net',
      downloadUrl: 'https://example.com/app',
      updateUrl: 'https://example.com/updates',
      companyName: 'Example Ltd',
      timeZone: 'Europe/Copenhagen',
      invitationTtlMs: 24 * 3_600_000,
      logLevel: 'debug',
      logFormat: 'json',
    })
  })

  it('has a test value for every declared setting', () => {
    const declared = Object.values(SETTINGS).map((s) => s.env)
    expect(Object.keys(EVERY_VARIABLE).sort()).toEqual(declared.sort())
  })

  it('resolves a relative data folder to an absolute path', () => {
    expect(loadConfig({ PHONE_SYSTEMS_DATA_DIR: 'data' }).dataDir).toBe(path.resolve('data'))
  })
})

describe('loadConfig errors name their variable', () => {
  it.each([
    ['PHONE_SYSTEMS_HTTP_PORT', 'abc', 'must be a port number from 0 to 65535'],
    ['PHONE_SYSTEMS_HTTP_PORT', '70000', 'must be a port number from 0 to 65535'],
    ['PHONE_SYSTEMS_HTTP_PORT', '-1', 'must be a port number from 0 to 65535'],
    ['PHONE_SYSTEMS_HTTP_PORT', '80.5', 'must be a port number from 0 to 65535'],
    ['PHONE_SYSTEMS_SIP_WS_PORT', '65536', 'must be a port number from 0 to 65535'],
    ['PHONE_SYSTEMS_SIP_PORT', 'five', 'must be a port number from 0 to 65535'],
    ['PHONE_SYSTEMS_SMTP_URL', 'http://x', 'must be an smtp:// or smtps:// URL'],
    ['PHONE_SYSTEMS_SMTP_URL', 'mail.example.com', 'must be an smtp:// or smtps:// URL'],
    ['PHONE_SYSTEMS_PUBLIC_URL', 'ftp://x', 'must be an http:// or https:// URL'],
    ['PHONE_SYSTEMS_DOWNLOAD_URL', 'example.com/app', 'must be an http:// or https:// URL'],
    ['PHONE_SYSTEMS_UPDATE_URL', 'file:///srv/updates', 'must be an http:// or https:// URL'],
    ['PHONE_SYSTEMS_SIP_WS_URL', 'http://sip.example.com', 'must be a ws:// or wss:// URL'],
    ['PHONE_SYSTEMS_SIP_WS_URL', 'sip.example.com:8781', 'must be a ws:// or wss:// URL'],
    ['PHONE_SYSTEMS_TRUNK_URI', 'trunk.example.net', 'must be a sip: or sips: URI'],
    [
      'PHONE_SYSTEMS_TIME_ZONE',
      'Mars/Olympus',
      'must be an IANA time zone such as Europe/Copenhagen',
    ],
    ['PHONE_SYSTEMS_COMPANY_NAME', 'x'.repeat(101), 'must be at most 100 characters'],
    ['PHONE_SYSTEMS_INVITATION_TTL_HOURS', '0', 'must be a positive number of hours'],
    ['PHONE_SYSTEMS_INVITATION_TTL_HOURS', 'week', 'must be a number of hours'],
    ['PHONE_SYSTEMS_ADMIN_EMAIL', 'admin', 'must be a valid email address'],
    ['PHONE_SYSTEMS_SIP_RPC_PORT', '0', 'must be a port number from 1 to 65535'],
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace, silent'],
    ['LOG_FORMAT', 'text', 'must be pretty or json'],
  ])('%s=%s', (variable, value, reason) => {
    const err = configError({ [variable]: value })
    expect(err.problems).toEqual([`${variable}: ${reason}`])
    expect(err.message).toContain(variable)
  })

  it('refuses an admin password shorter than 12 characters', () => {
    const err = configError({
      PHONE_SYSTEMS_ADMIN_EMAIL: 'admin@example.com',
      PHONE_SYSTEMS_ADMIN_PASSWORD: 'elevenchars',
    })
    expect(err.problems).toEqual(['PHONE_SYSTEMS_ADMIN_PASSWORD: must be at least 12 characters'])
  })

  it('refuses an admin email without a password, and a password without an email', () => {
    const halves: Record<string, string>[] = [
      { PHONE_SYSTEMS_ADMIN_EMAIL: 'admin@example.com' },
      { PHONE_SYSTEMS_ADMIN_PASSWORD: 'long enough password' },
    ]
    for (const env of halves) {
      const err = configError(env)
      expect(err.problems).toHaveLength(1)
      expect(err.problems[0]).toContain('PHONE_SYSTEMS_ADMIN_EMAIL')
      expect(err.problems[0]).toContain('PHONE_SYSTEMS_ADMIN_PASSWORD')
    }
  })

  it('refuses a TLS certificate without a key, and a key without a certificate', () => {
    const halves: Record<string, string>[] = [
      { PHONE_SYSTEMS_TLS_CERT: certs.certFile },
      { PHONE_SYSTEMS_TLS_KEY: certs.keyFile },
    ]
    for (const env of halves) {
      expect(configError(env).problems).toEqual([
        'PHONE_SYSTEMS_TLS_CERT and PHONE_SYSTEMS_TLS_KEY: set both or neither',
      ])
    }
  })

  it('names the TLS file it cannot read', () => {
    const missing = path.join(certDir, 'missing.pem')
    const err = configError({
      PHONE_SYSTEMS_TLS_CERT: certs.certFile,
      PHONE_SYSTEMS_TLS_KEY: missing,
    })
    expect(err.problems).toEqual([`PHONE_SYSTEMS_TLS_KEY: cannot read ${missing} (ENOENT)`])
  })

  it('refuses a key that is not the certificate’s, and a file that is not PEM', async () => {
    const notPem = path.join(certDir, 'not-pem.txt')
    await writeFile(notPem, 'hello\n')
    const pairs = [
      // The CA's key: a real key, of another certificate.
      [certs.certFile, path.join(certDir, 'ca.key')],
      [notPem, certs.keyFile],
    ]
    for (const [cert, key] of pairs) {
      const err = configError({ PHONE_SYSTEMS_TLS_CERT: cert!, PHONE_SYSTEMS_TLS_KEY: key! })
      expect(err.problems).toHaveLength(1)
      expect(err.problems[0]).toMatch(
        /^PHONE_SYSTEMS_TLS_CERT and PHONE_SYSTEMS_TLS_KEY: not a PEM certificate and its private key/,
      )
    }
  })

  it('resolves relative TLS paths', () => {
    const relative = (file: string) => path.relative(process.cwd(), file)
    const config = loadConfig({
      PHONE_SYSTEMS_TLS_CERT: relative(certs.certFile),
      PHONE_SYSTEMS_TLS_KEY: relative(certs.keyFile),
    })
    expect(config.tls).toEqual({ cert: certs.certFile, key: certs.keyFile })
  })

  it('reports every bad variable at once', () => {
    const err = configError({
      PHONE_SYSTEMS_HTTP_PORT: 'abc',
      PHONE_SYSTEMS_SMTP_URL: 'http://x',
      PHONE_SYSTEMS_SIP_WS_URL: 'http://x',
    })
    expect(err.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'PHONE_SYSTEMS_HTTP_PORT',
      'PHONE_SYSTEMS_SIP_WS_URL',
      'PHONE_SYSTEMS_SMTP_URL',
    ])
    expect(err.name).toBe('ConfigError')
  })
})

describe('helpText', () => {
  const help = helpText()
  const listed = (name: string) => new RegExp(`^\\s+${name}\\s{2,}\\S`, 'm').test(help)

  it('lists every declared setting on a line of its own with its description', () => {
    for (const setting of Object.values(SETTINGS)) {
      expect(listed(setting.env), setting.env).toBe(true)
      const line = help.split('\n').find((l) => l.trimStart().startsWith(`${setting.env} `))
      expect(line).toContain(setting.description.replaceAll('`', ''))
    }
  })

  it('lists every PHONE_SYSTEMS_ variable the platform code mentions', () => {
    const platformDir = fileURLToPath(new URL('../../electron/platform/', import.meta.url))
    const names = new Set<string>()
    for (const file of readdirSync(platformDir, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue
      const source = readFileSync(path.join(platformDir, file), 'utf8')
      for (const m of source.matchAll(/\bPHONE_SYSTEMS_[A-Z0-9_]+/g)) names.add(m[0])
    }
    expect(names.size).toBeGreaterThanOrEqual(14)
    for (const name of names) expect(listed(name), name).toBe(true)
  })

  it('shows the defaults', () => {
    expect(help).toMatch(/PHONE_SYSTEMS_HTTP_HOST\s.*\(default: 127\.0\.0\.1\)/)
    expect(help).toMatch(/PHONE_SYSTEMS_HTTP_PORT\s.*\(default: 8780\)/)
    expect(help).toMatch(/PHONE_SYSTEMS_SIP_WS_PORT\s.*\(default: 8781\)/)
    expect(help).toMatch(/PHONE_SYSTEMS_SIP_PORT\s.*\(default: 5080\)/)
    expect(help).toMatch(/LOG_LEVEL\s.*\(default: info\)/)
  })

  it("shows this machine's data folder as the data folder's default", () => {
    vi.stubEnv('XDG_DATA_HOME', '/srv/xdg-data')
    const dataDir = loadConfig({ XDG_DATA_HOME: '/srv/xdg-data' }).dataDir
    expect(helpText()).toContain(`(default: ${dataDir})`)
  })
})
