import type { FastifyInstance } from 'fastify'
import fastifyCors from '@fastify/cors'
import fastifyHelmet from '@fastify/helmet'
import type { PlatformContext } from '../context'
import { allowedOrigins } from '../config/origins'
import { sipWsUrl } from '../activation/service'

/** Request headers the renderer sends to the API (renderer/src/api/http.ts, admin/api.ts). */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'accept'] as const

/** 180 days: a browser that saw the platform over https will not try http for that long. */
export const HSTS_MAX_AGE_SECONDS = 180 * 24 * 3600

/** Every method an API route answers. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/**
 * The SIP WebSocket as a CSP source: scheme, host, port and path, without the
 * query or fragment (a source expression cannot carry them). `;` and `,`
 * would end the directive or the policy, so they are percent-encoded (CSP
 * matches the decoded path). Undefined when the URL does not parse; then
 * connect-src is only 'self' and the softphone cannot reach SIP, which shows.
 */
export function sipWsSource(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return undefined
  const pathname = parsed.pathname.replace(/;/g, '%3B').replace(/,/g, '%2C')
  return `${parsed.protocol}//${parsed.host}${pathname}`
}

/**
 * The pages' Content-Security-Policy. It mirrors the meta policy in
 * renderer/index.html (which the desktop app, served from app://, relies on
 * alone) except where a header can say more:
 * - connect-src is the platform ('self') and the one SIP WebSocket the
 *   activation hands out, instead of any http(s)/ws(s) host: a page served
 *   by this platform only ever talks to this platform.
 * - frame-ancestors 'none': no site may frame the admin console
 *   (clickjacking); a meta policy cannot express it.
 * Both policies apply in the browser, so the stricter of each wins.
 *
 * style-src 'unsafe-inline': PrimeVue's styled mode writes its theme (CSS
 * variables) into <style> elements at run time, and html5-qrcode styles its
 * video element inline; Swagger UI at /api/docs applies inline styles too
 * (test/e2e/csp.spec.ts fails on all three without it). Scripts stay 'self'
 * only: no inline script, no eval, so the docs need no looser policy.
 * img-src data:/blob: is for html5-qrcode's icons (data: URLs) and the image
 * it scans (a blob: URL), and Swagger UI's data: icons. Call audio and tones
 * play MediaStreams through srcObject, which media-src does not govern;
 * its blob: is kept as the meta policy has it. worker-src 'self' is for the
 * notification service worker (renderer/public/notification-sw.js).
 *
 * An IPv6 literal host cannot be written as a CSP source; a SIP WebSocket on
 * one would be refused by the browser (use a host name).
 *
 * No upgrade-insecure-requests (helmet's default): the platform is also
 * served over plain http on a LAN, where it would turn every request and the
 * ws:// WebSocket into https/wss and break the page.
 */
export function pageCspDirectives(
  ctx: PlatformContext,
): Record<string, (string | (() => string))[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'"],
    // Read per request, like CORS below: the policy follows the context.
    'connect-src': ["'self'", () => sipWsSource(sipWsUrl(ctx)) ?? ''],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
}

/**
 * Security headers on every response (pages, API, errors) and CORS for the
 * one list of allowed origins. Registered before any route, so that its
 * onRequest hooks run first and even a 404 or a refused preflight carries
 * the headers.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  ctx: PlatformContext,
): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: pageCspDirectives(ctx) },
    // The page has no business in another window's browsing context group:
    // a window it opens, or that opens it, gets no handle on it.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // HSTS only when the platform terminates TLS itself (PHONE_SYSTEMS_TLS_CERT):
    // over plain http a browser ignores it, and behind a reverse proxy it is
    // the proxy's to send. Not for subdomains, which may be other services.
    strictTransportSecurity: ctx.config.tls
      ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false }
      : false,
  })
  await app.register(fastifyCors, {
    // Per request: the default list holds the public URL, known only after
    // listen() when the port is 0 (platform.ts). A request without Origin,
    // or from an origin not in the list, gets no CORS headers at all; a
    // preflight from it is not answered (404).
    origin: (origin, callback) => {
      callback(null, origin !== undefined && allowedOrigins(ctx.config).includes(origin))
    },
    methods: [...CORS_METHODS],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    // The users CSV download reads its file name from there.
    exposedHeaders: ['content-disposition'],
    // Bearer tokens in the Authorization header, never cookies: no credentials.
    credentials: false,
    maxAge: 600,
  })
}
