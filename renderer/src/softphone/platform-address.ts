import { PLATFORM_SERVICE } from '@shared/platform-service'
import { readStored, writeStored } from './storage'

const LAST_PLATFORM_KEY = 'phone-systems.last-platform'
/** A host name, IPv4 or bracketed IPv6 address: URL() percent-encodes a space instead of refusing it. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i

/**
 * The platform a short code belongs to, when something says which: the one
 * this device activated against last, or the page's own origin when a platform served the
 * page. Null when nothing does (the desktop app, served from app://, before
 * its first activation): then the person is asked for the `Server address`.
 */
export function knownPlatformUrl(): string | null {
  const last = readStored(LAST_PLATFORM_KEY, (v): v is string => typeof v === 'string')
  if (last) return last
  const { protocol, origin } = window.location
  return protocol === 'http:' || protocol === 'https:' ? origin : null
}

export function rememberPlatformUrl(url: string): void {
  writeStored(LAST_PLATFORM_KEY, url)
}

/** `pbx.example.com` → `https://pbx.example.com`; trailing slashes dropped; null when it cannot be an address. */
export function normalizePlatformAddress(input: string): string | null {
  const text = input.trim()
  if (!text) return null
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`
  try {
    const url = new URL(withScheme)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (url.search || url.hash || !HOST.test(url.hostname)) return null
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
  } catch {
    return null
  }
}

/** True when `url` answers `GET /api/health` as a phone.systems platform does. */
export async function isPlatform(url: string, timeoutMs = 8_000): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/health`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!response.ok) return false
    const body = (await response.json()) as { service?: unknown }
    return body.service === PLATFORM_SERVICE
  } catch {
    return false
  }
}
