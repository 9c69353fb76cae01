import { DESKTOP_APP_ORIGIN } from '@shared/desktop-origin'

/**
 * The one list of web origins the platform trusts: CORS on the API and the
 * SIP WebSocket's `Origin` check both read it. Unset, it is the public URL's
 * origin (where the web build is served) and the desktop app's.
 */
export function allowedOrigins(config: {
  allowedOrigins?: readonly string[] | undefined
  publicUrl: string
}): string[] {
  if (config.allowedOrigins) return [...config.allowedOrigins]
  return [new URL(config.publicUrl).origin, DESKTOP_APP_ORIGIN]
}

/**
 * The URL the HTTP server answers on, and the public URL when none is configured:
 * `https://` when it serves TLS (PHONE_SYSTEMS_TLS_CERT).
 */
export function httpUrl(host: string, port: number, tls = false): string {
  return `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`
}
