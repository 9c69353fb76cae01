import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSecretStore } from '../../electron/main/secrets/secret-store'

/** safeStorage as the OS keystore would behave, with a key the test controls. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}) {
  const state = { available: options.available ?? true, key: options.key ?? 0x5a }
  return {
    state,
    isEncryptionAvailable: () => state.available,
    encryptString: (text: string) =>
      Buffer.from([state.key, ...Buffer.from(text, 'utf8').map((b) => b ^ state.key)]),
    decryptString: (data: Buffer) => {
      if (data[0] !== state.key) throw new Error('Error while decrypting the ciphertext provided')
      return Buffer.from(data.subarray(1).map((b) => b ^ state.key)).toString('utf8')
    },
    getSelectedStorageBackend: () => (options.backend ?? 'gnome_libsecret') as never,
  }
}

const SESSION = JSON.stringify({ deviceToken: 'dt_secret', sip: { password: 'sip-pass' } })
const tempDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'ps-secrets-')), 'secrets')

describe('secret store', () => {
  it('round trip: written encrypted, read back by a new store (a restart)', async () => {
    const dir = tempDir()
    const safe = fakeSafeStorage()
    expect(await createSecretStore(safe, dir, 'linux').write('session', SESSION)).toEqual({
      persisted: true,
    })
    const onDisk = readFileSync(path.join(dir, 'session.bin'))
    expect(onDisk.toString('latin1')).not.toContain('dt_secret')
    expect(onDisk.toString('latin1')).not.toContain('sip-pass')
    expect(await createSecretStore(safe, dir, 'linux').read('session')).toBe(SESSION)
  })

  it('the file and its folder are this user’s only, and no temporary file is left', async () => {
    const dir = tempDir()
    await createSecretStore(fakeSafeStorage(), dir, 'linux').write('session', SESSION)
    expect(statSync(path.join(dir, 'session.bin')).mode & 0o777).toBe(0o600)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(readdirSync(dir)).toEqual(['session.bin'])
  })

  it('delete removes it; deleting what is not there is fine', async () => {
    const dir = tempDir()
    const store = createSecretStore(fakeSafeStorage(), dir, 'darwin')
    await store.write('session', SESSION)
    await store.delete('session')
    await store.delete('session')
    expect(await store.read('session')).toBeNull()
  })

  it('without any encryption: kept in memory only, never written, and says so', async () => {
    const dir = tempDir()
    const store = createSecretStore(fakeSafeStorage({ available: false }), dir, 'linux')
    expect(await store.write('session', SESSION)).toEqual({ persisted: false })
    expect(await store.read('session')).toBe(SESSION)
    expect(() => readdirSync(dir)).toThrow()
    expect(store.status()).toMatchObject({ persistent: false, encrypted: false })
    const afterRestart = createSecretStore(fakeSafeStorage({ available: false }), dir, 'linux')
    expect(await afterRestart.read('session')).toBeNull()
  })

  it('Linux basic_text: persistent but reported as not encrypted', () => {
    const store = createSecretStore(fakeSafeStorage({ backend: 'basic_text' }), tempDir(), 'linux')
    expect(store.status()).toEqual({ persistent: true, encrypted: false, backend: 'basic_text' })
  })

  it('macOS and Windows report no Linux backend', () => {
    const store = createSecretStore(fakeSafeStorage(), tempDir(), 'win32')
    expect(store.status()).toEqual({ persistent: true, encrypted: true, backend: null })
  })

  it('a secret the keystore can no longer decrypt reads as absent, not a crash', async () => {
    const dir = tempDir()
    const safe = fakeSafeStorage()
    await createSecretStore(safe, dir, 'linux').write('session', SESSION)
    safe.state.key = 0x11
    const logged: string[] = []
    const store = createSecretStore(safe, dir, 'linux', (m) => logged.push(m))
    expect(await store.read('session')).toBeNull()
    expect(logged.join()).toContain('could not be decrypted')
  })
})
