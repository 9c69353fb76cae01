/**
 * Activation codes: 60 random bits shown as three groups of four Crockford
 * base32 characters (`K7QF-3M9X-PW2D`). Crockford's alphabet leaves out I, L,
 * O and U so a code read off a screen or typed by hand survives the usual
 * confusions; normalisation maps those look-alikes back.
 */

import { SOFTPHONE_PATHS } from './softphone-paths'

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

/**
 * `phonesystems://activate?server=<url>&code=<code>`: opens the desktop app
 * (DESIGN.md §7), from the activation page's `Open the desktop app`.
 */
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

/** The platform's page an invitation links to (a renderer route, served as the app shell). */
export const ACTIVATION_PAGE_PATH = SOFTPHONE_PATHS.activate

/**
 * `<public url>/activate#K7QF3M9XPW2D`: the invitation's one-click link, and
 * what its QR code holds. The code is in the fragment, which browsers never
 * send: servers, proxies and logs do not see it, and fetching the page (mail
 * scanners fetch every link) cannot redeem it. Without dashes, because the
 * shortest text makes the smallest, most easily read QR code.
 */
export function buildActivationPageLink(publicUrl: string, code: string): string {
  const compact = (normalizeActivationCode(code) ?? code).replaceAll('-', '')
  return `${publicUrl.replace(/\/+$/, '')}${ACTIVATION_PAGE_PATH}#${compact}`
}

/**
 * Parses `<server>/activate#<code>`; the server is everything before
 * `/activate` (a platform may live under a path). Null when it is not one.
 */
export function parseActivationPageLink(input: string): ActivationLink | null {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (!url.pathname.replace(/\/+$/, '').endsWith(ACTIVATION_PAGE_PATH)) return null
  const fragment = decodeURIComponent(url.hash.slice(1)).replace(/^code=/i, '')
  const code = normalizeActivationCode(fragment)
  if (!code) return null
  const base = url.pathname.replace(/\/+$/, '').slice(0, -ACTIVATION_PAGE_PATH.length)
  return { server: `${url.origin}${base}`.replace(/\/+$/, ''), code }
}

/** What a person typed, pasted or scanned held, or why it cannot be used. */
export type ActivationText =
  | { ok: true; code: string; server: string | null }
  | { ok: false; reason: 'empty' | 'not-a-link' | 'not-a-code' }

// Candidates for links in a pasted paragraph; trailing punctuation of the sentence is cut off.
const LINKS = /(?:phonesystems:\/\/|https?:\/\/)[^\s<>"']+/gi
const SENTENCE_END = /[.,;:!?)\]>]+$/
// A code with its dashes, inside a paragraph. Loose 12-letter runs are not
// looked for there: an ordinary word such as "registration" would pass.
const DASHED_CODE = /(?<![0-9A-Z])[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}(?![0-9A-Z])/i

/**
 * Finds the activation in any text: an activation link of either kind, the
 * short code alone (any case, spaces or dashes), or a paragraph of the
 * invitation email around one of them. A link names its platform (`server`);
 * a short code does not.
 */
export function readActivationText(input: string): ActivationText {
  const text = input.trim()
  if (!text) return { ok: false, reason: 'empty' }
  for (const match of text.matchAll(LINKS)) {
    const candidate = match[0].replace(SENTENCE_END, '')
    const link = parseActivationLink(candidate) ?? parseActivationPageLink(candidate)
    if (link) return { ok: true, code: link.code, server: link.server.replace(/\/+$/, '') }
  }
  const whole = normalizeActivationCode(text)
  if (whole) return { ok: true, code: whole, server: null }
  // A code is looked for outside links only: one inside a broken activation
  // link would send it to a platform the link does not name.
  const dashed = DASHED_CODE.exec(text.replace(LINKS, ' '))
  const code = dashed ? normalizeActivationCode(dashed[0]) : null
  if (code) return { ok: true, code, server: null }
  return { ok: false, reason: text.includes('://') ? 'not-a-link' : 'not-a-code' }
}
