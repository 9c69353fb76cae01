/**
 * Renders kamailio.cfg for a Kamailio you run yourself (PHONE_SYSTEMS_KAMAILIO=off
 * on the platform), from the same PHONE_SYSTEMS_* environment the platform reads,
 * so both agree on the SIP domain, ports, database file and trunk.
 *
 *   npx tsx deploy/kamailio/render.ts [output file]     (default: standard output)
 *
 * See docs/kamailio.md.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { httpUrl, loadConfig } from '../../electron/platform/config'
import { DATABASE_FILE } from '../../electron/platform/platform'
import {
  findTemplate,
  kamailioSettings,
  renderKamailioConfig,
  renderTlsConfig,
  TLS_CONFIG_NAME,
  writePrivateFile,
} from '../../electron/platform/sip/kamailio-config'

async function main(): Promise<void> {
  const config = loadConfig()
  const template = findTemplate()
  if (!template) throw new Error('kamailio.cfg.template not found next to this script')
  if (!config.sipRpcKey) {
    throw new Error(
      'Set PHONE_SYSTEMS_SIP_RPC_KEY (e.g. openssl rand -hex 32) here and on the platform: ' +
        'Kamailio answers JSON-RPC only with that key',
    )
  }
  const settings = await kamailioSettings(config, path.join(config.dataDir, DATABASE_FILE), {
    rpcKey: config.sipRpcKey,
    publicUrl: config.publicUrl ?? httpUrl(config.httpHost, config.httpPort, Boolean(config.tls)),
  })
  const out = process.argv[2]
  if (settings.tls) {
    // The tls module's file goes next to kamailio.cfg, which names it.
    if (!out)
      throw new Error('With PHONE_SYSTEMS_TLS_CERT, give an output file: tls.cfg goes next to it')
    settings.tls.configFile = path.join(path.dirname(path.resolve(out)), TLS_CONFIG_NAME)
  }
  const text = renderKamailioConfig(await readFile(template, 'utf8'), settings)
  if (out) {
    if (settings.tls) {
      await writePrivateFile(settings.tls.configFile, renderTlsConfig(settings.tls))
      process.stderr.write(`wrote ${settings.tls.configFile}\n`)
    }
    await writePrivateFile(out, text)
    process.stderr.write(`wrote ${out}\n`)
  } else {
    process.stdout.write(text)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
