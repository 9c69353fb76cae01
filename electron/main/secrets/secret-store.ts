import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SafeStorage } from 'electron'
import type { SECRET_KEYS } from '@shared/ipc/contract'

export type SecretKey = (typeof SECRET_KEYS)[number]

export interface SecretStatus {
  encrypted: boolean
  persistent: boolean
  backend: string | null
}

export interface SecretStore {
  read(key: SecretKey): Promise<string | null>
  write(key: SecretKey, value: string): Promise<{ persisted: boolean }>
  delete(key: SecretKey): Promise<void>
  status(): SecretStatus
}

type Safe = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>

/**
 * The activation's secrets (device token, SIP password), encrypted by the
 * OS keystore through `safeStorage` (Keychain, DPAPI, Secret Service or
 * KWallet) into one file per key under `dir`, readable by this user only.
 * Where no encryption is available at all, secrets stay in memory: the person
 * activates again after a restart rather than having them written in clear.
 * Linux's `basic_text` backend does write them, obfuscated with a fixed key;
 * `status()` says so, and Settings tells the person.
 */
export function createSecretStore(
  safeStorage: Safe,
  dir: string,
  platform: NodeJS.Platform,
  log: (message: string) => void = console.warn,
): SecretStore {
  const inMemory = new Map<SecretKey, string>()
  const file = (key: SecretKey) => path.join(dir, `${key}.bin`)
  const available = () => safeStorage.isEncryptionAvailable()

  return {
    async read(key) {
      if (inMemory.has(key)) return inMemory.get(key)!
      if (!available()) return null
      let data: Buffer
      try {
        data = await readFile(file(key))
      } catch {
        return null
      }
      try {
        return safeStorage.decryptString(data)
      } catch (err) {
        // The keystore's key changed (new login keyring, another machine's profile):
        // the old secret is unreadable, so the device reads as not activated.
        log(`secrets: ${key} could not be decrypted: ${String(err)}`)
        return null
      }
    },
    async write(key, value) {
      if (!available()) {
        inMemory.set(key, value)
        return { persisted: false }
      }
      inMemory.delete(key)
      await mkdir(dir, { recursive: true, mode: 0o700 })
      // Written whole and renamed, so a crash mid-write leaves the old secret, not half of one.
      const partial = `${file(key)}.${process.pid}.tmp`
      await writeFile(partial, safeStorage.encryptString(value), { mode: 0o600 })
      await rename(partial, file(key))
      return { persisted: true }
    },
    async delete(key) {
      inMemory.delete(key)
      await rm(file(key), { force: true })
    },
    status() {
      const persistent = available()
      const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null
      return { persistent, encrypted: persistent && backend !== 'basic_text', backend }
    },
  }
}
