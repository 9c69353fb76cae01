import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { loadConfig, type PlatformConfig } from '../../electron/platform/config'
import {
  findTemplate,
  kamailioSettings,
  renderKamailioConfig,
  renderTlsConfig,
} from '../../electron/platform/sip/kamailio-config'

const edge = { rpcKey: 'k'.repeat(32), publicUrl: 'https://pbx.example.com' }
const base = loadConfig({ PHONE_SYSTEMS_DATA_DIR: '/var/lib/phone-systems' })

async function render(config: PlatformConfig): Promise<string> {
  const settings = await kamailioSettings(config, '/var/lib/phone-systems/db.sqlite', edge)
  return renderKamailioConfig(await readFile(findTemplate()!, 'utf8'), settings)
}

describe('Kamailio config with and without TLS', () => {
  it('without a certificate: a plain tcp WebSocket listener and no tls module', async () => {
    const cfg = await render(base)
    expect(cfg).toContain('listen=tcp:127.0.0.1:8781')
    expect(cfg).not.toContain('listen=tls:')
    expect(cfg).not.toMatch(/^#!define WITH_TLS$/m)
  })

  it('with one: the WebSocket port is tls: only, with the tls module and its config file', async () => {
    const cfg = await render({
      ...base,
      tls: { cert: '/etc/pbx/fullchain.pem', key: '/etc/pbx/privkey.pem' },
    })
    expect(cfg).toContain('listen=tls:127.0.0.1:8781')
    expect(cfg).not.toContain('listen=tcp:127.0.0.1:8781')
    expect(cfg).toContain('listen=tcp:127.0.0.1:5080') // the trunk port stays as it was
    expect(cfg).toMatch(/^#!define WITH_TLS$/m)
    expect(cfg).toContain('modparam("tls", "config", "/var/lib/phone-systems/kamailio/tls.cfg")')
  })

  it('renders tls.cfg with the certificate and key paths for the server side', () => {
    const text = renderTlsConfig({
      cert: '/etc/pbx/fullchain.pem',
      key: '/etc/pbx/privkey.pem',
      configFile: '/x/tls.cfg',
    })
    expect(text).toContain('[server:default]')
    expect(text).toContain('method = TLSv1.2+')
    expect(text).toContain('certificate = /etc/pbx/fullchain.pem')
    expect(text).toContain('private_key = /etc/pbx/privkey.pem')
  })

  it('refuses a path tls.cfg would misread', async () => {
    await expect(
      render({ ...base, tls: { cert: '/etc/my certs/a.pem', key: '/etc/pbx/k.pem' } }),
    ).rejects.toThrow('PHONE_SYSTEMS_TLS_CERT cannot be used in the Kamailio config')
  })
})
