import { ACTIVATION_SCHEME, parseActivationLink } from '@shared/activation-code'
import { SOFTPHONE_PATHS } from '@shared/softphone-paths'

/** What a link the OS hands the app asks for. */
export type AppLink = { kind: 'activate'; link: string } | { kind: 'call'; target: string }

/** The schemes the app answers for: its own activation links, and calls. */
export const LINK_SCHEMES = ['phonesystems', 'tel', 'sip', 'callto'] as const

const CALL_SCHEMES = new Set(['tel:', 'sip:', 'callto:'])

/**
 * `phonesystems://activate?server=…&code=…` (from the activation page's
 * `Open the desktop app`) or a `tel:`, `sip:` or `callto:` link; null for
 * anything else, including an activation link without a usable platform or
 * code. Call targets stay as given: the dialer reads them (dial-target.ts).
 */
export function parseAppLink(url: string): AppLink | null {
  const text = url.trim()
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(text)?.[0].toLowerCase()
  if (!scheme) return null
  if (scheme === ACTIVATION_SCHEME)
    return parseActivationLink(text) ? { kind: 'activate', link: text } : null
  if (CALL_SCHEMES.has(scheme) && text.length > scheme.length) return { kind: 'call', target: text }
  return null
}

/**
 * The link among a launch's arguments (Windows and Linux pass it there, on a
 * cold start and to the running instance's `second-instance`). The last one
 * wins; switches and the app's own path are not links.
 */
export function linkFromArgv(argv: readonly string[]): AppLink | null {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i]!
    if (arg.startsWith('-')) continue
    const link = parseAppLink(arg)
    if (link) return link
  }
  return null
}

/** The renderer route that shows what the link asks for. */
export function routeForLink(link: AppLink): string {
  return link.kind === 'activate'
    ? `${SOFTPHONE_PATHS.code}?link=${encodeURIComponent(link.link)}`
    : `/?call=${encodeURIComponent(link.target)}`
}
