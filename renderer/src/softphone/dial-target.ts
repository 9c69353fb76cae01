/** Separators people and web pages put in phone numbers: spaces, dashes, dots, brackets. */
const VISUAL_SEPARATORS = /[\s\u00a0\-.()/]/g
const PHONE_LIKE = /^[+0-9*#\s\u00a0\-.()/]+$/

/**
 * What to dial from what was typed, pasted or linked: `+45 20 30 40 50`,
 * `tel:+45-2030-4050;phone-context=…`, `sip:1001@our.domain` or a SIP
 * address elsewhere. Phone numbers lose their separators; a SIP URI in our
 * own domain becomes its user part, one elsewhere stays `user@host`.
 * Returns '' when nothing dialable is left.
 */
export function dialTarget(input: string, ownDomain?: string): string {
  // `<sip:…>` as copied out of a SIP header or an email client.
  let text = input.trim().replace(/^<(.*)>$/, '$1')
  try {
    text = decodeURIComponent(text)
  } catch {
    // Not percent-encoded after all: use it as typed.
  }
  const scheme = /^(tel|sips?|callto):(\/\/)?/i.exec(text)
  if (scheme) {
    const rest = text.slice(scheme[0].length)
    if (scheme[1]!.toLowerCase() === 'tel' || scheme[1]!.toLowerCase() === 'callto')
      return rest.split(/[;?]/)[0]!.replace(VISUAL_SEPARATORS, '')
    return sipTarget(rest, ownDomain)
  }
  if (PHONE_LIKE.test(text)) return text.replace(VISUAL_SEPARATORS, '')
  if (text.includes('@')) return sipTarget(text, ownDomain)
  return text.replace(/\s+/g, '')
}

function sipTarget(address: string, ownDomain?: string): string {
  const bare = address.split(/[;?]/)[0]!
  const at = bare.lastIndexOf('@')
  if (at < 0) return bare.replace(VISUAL_SEPARATORS, '')
  const user = bare.slice(0, at)
  const host = bare.slice(at + 1).toLowerCase()
  const hostName = host.replace(/:\d+$/, '')
  if (ownDomain && hostName === ownDomain.toLowerCase())
    return PHONE_LIKE.test(user) ? user.replace(VISUAL_SEPARATORS, '') : user
  return `${user}@${host}`
}

/** True when the text is a link-style address (tel:, sip:) rather than a number typed by hand. */
export function isDialLink(text: string): boolean {
  return /^(tel|sips?|callto):/i.test(text.trim())
}
