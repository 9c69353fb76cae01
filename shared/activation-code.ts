/**
 * Activation codes: 60 random bits shown as three groups of four Crockford
 * base32 characters (`K7QF-3M9X-PW2D`). Crockford's alphabet leaves out I, L,
 * O and U so a code read off a screen or typed by hand survives the usual
 * confusions; normalisation maps those look-alikes back.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CODE_LENGTH = 12
const GROUP = 4

export const ACTIVATION_SCHEME = 'phonesystems:'

/** A new code from the platform's CSPRNG (Web Crypto, present in Node and browsers). */
export function generateActivationCode(): string {
  const bytes = new Uint8Array(CODE_LENGTH)
  globalThis.crypto.getRandomValues(bytes)
  // 256 is a multiple of 32, so `byte % 32` is unbiased.
  const chars = Array.from(bytes, (b) => ALPHABET[b % 32])
  return formatActivationCode(chars.join(''))
}

function formatActivationCode(raw: string): string {
  const groups: string[] = []
  for (let i = 0; i < raw.length; i += GROUP) groups.push(raw.slice(i, i + GROUP))
  return groups.join('-')
}

/**
 * The canonical form of what a person typed or pasted: upper case, separators
 * removed, look-alikes mapped. Returns null when it cannot be a code.
 */
export function normalizeActivationCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (cleaned.length !== CODE_LENGTH) return null
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null
  return formatActivationCode(cleaned)
}

export interface ActivationLink {
  server: string
  code: string
}

/** `phonesystems://activate?server=<url>&code=<code>`, as put in the QR code. */
export function buildActivationLink(server: string, code: string): string {
  const params = new URLSearchParams({ server, code })
  return `${ACTIVATION_SCHEME}//activate?${params.toString()}`
}

/** Parses an activation link; null when it is not one or its parts are unusable. */
export function parseActivationLink(input: string): ActivationLink | null {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return null
  }
  if (url.protocol !== ACTIVATION_SCHEME || url.hostname !== 'activate') return null
  const server = url.searchParams.get('server')
  const code = normalizeActivationCode(url.searchParams.get('code') ?? '')
  if (!server || !code) return null
  try {
    const serverUrl = new URL(server)
    if (serverUrl.protocol !== 'http:' && serverUrl.protocol !== 'https:') return null
  } catch {
    return null
  }
  return { server, code }
}
