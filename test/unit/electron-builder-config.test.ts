import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
// `yaml` is installed as a dependency of the build tools; the test only reads with it.
import { parse } from 'yaml'
import { LINK_SCHEMES } from '../../electron/main/links/app-links'

const root = fileURLToPath(new URL('../../', import.meta.url))
const fromRoot = (file: string) => `${root}${file}`

interface BuilderConfig {
  extraResources: { from: string; to: string }[]
  protocols: { name: string; schemes: string[] }[]
  publish: { provider: string; url: string }
  linux: { icon: string; category: string; desktop: { entry: Record<string, string> } }
  mac: {
    target: string[]
    icon: string
    hardenedRuntime: boolean
    entitlements: string
    entitlementsInherit: string
    extendInfo: Record<string, string>
  }
  win: { icon: string }
}

const config = parse(readFileSync(fromRoot('electron-builder.yml'), 'utf8')) as BuilderConfig

/** The keys set to true in a flat plist <dict> of booleans. */
function trueKeys(plist: string): string[] {
  return [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]!)
}

describe('electron-builder.yml', () => {
  it('names icons that exist: the .icns, the .ico and the Linux size folder', () => {
    for (const icon of [config.mac.icon, config.win.icon, config.linux.icon]) {
      expect(existsSync(fromRoot(icon)), icon).toBe(true)
    }
    expect(existsSync(fromRoot(`${config.linux.icon}/512x512.png`))).toBe(true)
  })

  it('ships the tray icons and the Kamailio template as resources', () => {
    expect(config.extraResources).toContainEqual({ from: 'build/tray', to: 'tray' })
    expect(config.extraResources).toContainEqual({ from: 'deploy/kamailio', to: 'kamailio' })
    for (const { from } of config.extraResources)
      expect(existsSync(fromRoot(from)), from).toBe(true)
    for (const state of ['ready', 'connecting', 'offline', 'dnd']) {
      for (const suffix of ['', '@2x']) {
        expect(existsSync(fromRoot(`build/tray/${state}${suffix}.png`))).toBe(true)
      }
    }
  })

  it('registers the schemes the app answers, and the Linux entry lists them', () => {
    const schemes = config.protocols.flatMap((p) => p.schemes)
    expect(schemes.sort()).toEqual([...LINK_SCHEMES].sort())
    expect(config.linux.desktop.entry.MimeType).toBe(
      'x-scheme-handler/phonesystems;x-scheme-handler/tel;x-scheme-handler/sip;x-scheme-handler/callto;',
    )
    expect(config.linux.category).toMatch(/^Network\b/)
  })

  it('signs macOS with the hardened runtime and entitlements for microphone, camera and JIT', () => {
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements)
    const plist = readFileSync(fromRoot(config.mac.entitlements), 'utf8')
    expect(trueKeys(plist).sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.device.audio-input',
      'com.apple.security.device.camera',
    ])
  })

  it('says why it asks for the microphone and the camera', () => {
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone.*calls/i)
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera.*QR code/i)
  })

  it('builds the zip that electron-updater needs to update a Mac', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip'])
  })

  it('publishes to a generic feed named by PHONE_SYSTEMS_UPDATE_URL', () => {
    expect(config.publish).toEqual({
      provider: 'generic',
      url: '${env.PHONE_SYSTEMS_UPDATE_URL}',
    })
  })

  describe("the feed URL through electron-builder's own macro expansion", () => {
    // An internal module of electron-builder (no public API expands macros): if it
    // moves in a new version, this test says so rather than the release build.
    const { expandMacro } = createRequire(import.meta.url)(
      'app-builder-lib/out/util/macroExpander',
    ) as { expandMacro(pattern: string, arch: null, appInfo: object): string }
    afterEach(() => vi.unstubAllEnvs())

    it('is the variable set when packaging', () => {
      vi.stubEnv('PHONE_SYSTEMS_UPDATE_URL', 'https://updates.example.com/desktop')
      expect(expandMacro(config.publish.url, null, {})).toBe('https://updates.example.com/desktop')
    })

    it('stops packaging when the variable is not set', () => {
      vi.stubEnv('PHONE_SYSTEMS_UPDATE_URL', undefined)
      expect(() => expandMacro(config.publish.url, null, {})).toThrow(
        /env PHONE_SYSTEMS_UPDATE_URL is not defined/,
      )
    })
  })
})
