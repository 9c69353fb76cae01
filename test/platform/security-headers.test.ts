import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { DESKTOP_APP_ORIGIN } from '@shared/desktop-origin'

const SIP_WS_URL = 'wss://sip.example.test:8443/ws'
const EVIL = 'https://evil.example'

/** The CSP's directives by name, e.g. `{ 'connect-src': ["'self'", 'wss://…'] }`. */
function directives(csp: string | null): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) out[name] = values
  }
  return out
}

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
  const csp = directives(res.headers.get('content-security-policy'))
  expect(csp['frame-ancestors']).toEqual(["'none'"])
  expect(csp['connect-src']).toEqual(["'self'", SIP_WS_URL])
  expect(csp['script-src']).toEqual(["'self'"])
  expect(csp['object-src']).toEqual(["'none'"])
  // Plain http: no HSTS (a browser ignores it there; a TLS proxy sends its own).
  expect(res.headers.get('strict-transport-security')).toBeNull()
  // Would turn the LAN's http:// and ws:// into https/wss and break the page.
  expect(csp).not.toHaveProperty('upgrade-insecure-requests')
}

/**
 * Every response carries the security headers (CSP with frame-ancestors
 * 'none' and connect-src narrowed to the platform and its SIP WebSocket,
 * nosniff, no referrer, COOP), and the API answers CORS only for the
 * allowed origins.
 */
describe('security headers and CORS', () => {
  let renderer: string
  let platform: TestPlatform

  beforeAll(async () => {
    renderer = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-renderer-'))
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>shell</title>')
    // Port 0: the public URL, and so the default allowed origins, are known only after listen.
    platform = await startTestPlatform(
      { PHONE_SYSTEMS_SIP_WS_URL: SIP_WS_URL },
      { rendererDir: renderer },
    )
  })

  afterAll(async () => {
    await platform?.dispose()
    await rm(renderer, { recursive: true, force: true })
  })

  it('sends them on the softphone page /', async () => {
    const res = await fetch(`${platform.url}/`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('shell')
    expectSecurityHeaders(res)
  })

  it('sends them on the admin console /admin', async () => {
    const res = await fetch(`${platform.url}/admin`)
    expect(res.status).toBe(200)
    expectSecurityHeaders(res)
  })

  it('sends them on /api/health', async () => {
    const res = await fetch(`${platform.url}/api/health`)
    expect(res.status).toBe(200)
    expectSecurityHeaders(res)
  })

  it('sends them on errors: an unknown route (404) and bad input (400)', async () => {
    const missing = await fetch(`${platform.url}/api/no-such-route`)
    expect(missing.status).toBe(404)
    expectSecurityHeaders(missing)
    const bad = await fetch(`${platform.url}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": 1}',
    })
    expect(bad.status).toBe(400)
    expectSecurityHeaders(bad)
  })

  it('keeps the API reference /api/docs working under the policy', async () => {
    const res = await fetch(`${platform.url}/api/docs/`)
    expect(res.status).toBe(200)
    expectSecurityHeaders(res)
  })

  const preflight = (origin: string, method = 'POST') =>
    fetch(`${platform.url}/api/admin/users`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'authorization, content-type',
      },
    })

  it('grants a preflight from the desktop app, with the headers the app sends', async () => {
    const res = await preflight(DESKTOP_APP_ORIGIN, 'PATCH')
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN)
    const allowedHeaders = res.headers.get('access-control-allow-headers')?.split(/,\s*/)
    expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type']))
    const methods = res.headers.get('access-control-allow-methods')?.split(/,\s*/)
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']))
    // Bearer tokens, never cookies.
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    expect(res.headers.get('vary')).toMatch(/origin/i)
    expectSecurityHeaders(res)
  })

  it("grants the public URL's origin, known only after listen", async () => {
    const res = await preflight(new URL(platform.url).origin)
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(new URL(platform.url).origin)
  })

  it('grants nothing to another origin: no preflight, no CORS headers on the answer', async () => {
    const refused = await preflight(EVIL)
    expect(refused.status).toBe(404)
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    expect(refused.headers.get('access-control-allow-methods')).toBeNull()
    expect(refused.headers.get('access-control-allow-headers')).toBeNull()
    expectSecurityHeaders(refused)
    const simple = await fetch(`${platform.url}/api/health`, { headers: { origin: EVIL } })
    expect(simple.status).toBe(200)
    expect(simple.headers.get('access-control-allow-origin')).toBeNull()
    expect(simple.headers.get('access-control-expose-headers')).toBeNull()
  })

  it('lets the desktop app read the CSV file name (exposed header) on an actual request', async () => {
    const res = await fetch(`${platform.url}/api/health`, {
      headers: { origin: DESKTOP_APP_ORIGIN },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN)
    expect(res.headers.get('access-control-expose-headers')).toBe('content-disposition')
  })
})

describe('CORS with PHONE_SYSTEMS_ALLOWED_ORIGINS set', () => {
  let platform: TestPlatform

  beforeAll(async () => {
    platform = await startTestPlatform({ PHONE_SYSTEMS_ALLOWED_ORIGINS: 'https://pbx.example.com' })
  })

  afterAll(async () => {
    await platform?.dispose()
  })

  it('grants exactly the listed origins: the defaults are replaced', async () => {
    const answer = async (origin: string) =>
      (
        await fetch(`${platform.url}/api/health`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET' },
        })
      ).headers.get('access-control-allow-origin')
    expect(await answer('https://pbx.example.com')).toBe('https://pbx.example.com')
    expect(await answer(DESKTOP_APP_ORIGIN)).toBeNull()
    expect(await answer(new URL(platform.url).origin)).toBeNull()
  })

  it('puts the default SIP WebSocket (ws://<sip domain>:<ws port>) in connect-src', async () => {
    const res = await fetch(`${platform.url}/api/health`)
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp['connect-src']).toEqual(["'self'", `ws://${platform.ctx.config.sipDomain}:8781/`])
  })
})
