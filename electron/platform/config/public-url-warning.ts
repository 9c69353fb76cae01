import net from 'node:net'

/**
 * True for names and addresses that never leave the machine: `localhost` (and
 * `*.localhost`, which browsers also resolve to loopback), 127.0.0.0/8 and ::1.
 * `host` is a URL's hostname, so an IPv6 address comes in brackets.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true
  if (net.isIPv4(bare)) return bare.startsWith('127.')
  if (net.isIPv6(bare)) return bare === '::1'
  return false
}

/**
 * The warning to log at start when users reach the platform over plain HTTP from
 * another machine: admin passwords, session tokens, activation codes and the
 * devices' SIP passwords (in the activation response) would cross the network in
 * clear. Undefined for `https://` and for loopback, where nothing crosses a network
 * (the desktop app's own platform, development). `0.0.0.0` counts as not loopback:
 * it is the address of a server that listens on every interface.
 */
export function insecurePublicUrlWarning(publicUrl: string): string | undefined {
  const url = new URL(publicUrl)
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined
  return (
    `PHONE_SYSTEMS_PUBLIC_URL is ${url.origin}: plain HTTP on an address other machines reach. ` +
    'Admin passwords, session tokens, activation codes and SIP passwords cross the network ' +
    'unencrypted, and browsers refuse the softphone microphone on such a page. ' +
    'Set PHONE_SYSTEMS_TLS_CERT and PHONE_SYSTEMS_TLS_KEY, or put an HTTPS reverse proxy in ' +
    'front and set PHONE_SYSTEMS_PUBLIC_URL to its https:// address ' +
    '(README, "Production: HTTPS and WSS").'
  )
}
