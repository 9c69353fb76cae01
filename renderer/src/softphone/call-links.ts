import { bridge } from '../bridge'

/**
 * Offers this web app as the handler of `tel:` and `sip:` links (both are on
 * the HTML standard's safelist), opening `/?call=<link>`. Only where the
 * browser supports it. In Electron the OS hands links to the main process
 * (electron/main/links/), which opens the same `/?call=` route.
 */
export function protocolHandlersSupported(): boolean {
  return (
    bridge.kind === 'web' &&
    typeof navigator.registerProtocolHandler === 'function' &&
    window.isSecureContext
  )
}

export function registerCallLinks(): boolean {
  if (!protocolHandlersSupported()) return false
  const target = `${location.origin}/?call=%s`
  try {
    navigator.registerProtocolHandler('tel', target)
    navigator.registerProtocolHandler('sip', target)
    return true
  } catch (err) {
    console.warn('phone.systems: cannot handle tel:/sip: links here', err)
    return false
  }
}
