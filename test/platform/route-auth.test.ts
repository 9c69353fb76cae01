import type { FastifyInstance, RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { createHttpApp, registerRoutes } from '../../electron/platform/http/app'
import { apiErrorSchema } from '@shared/schemas/errors'

/**
 * Authentication is a property of the route group: every route of the admin API
 * and of the device API carries its group's guard, whatever its handler does.
 * Only the routes listed here may be called without a token.
 */
const PUBLIC = new Set([
  'POST /api/admin/session',
  'GET /api/admin/setup',
  'HEAD /api/admin/setup',
  'POST /api/admin/setup',
  'POST /api/activations',
  'GET /api/health',
  'HEAD /api/health',
])
const GUARDS = { admin: 'adminSessionRequired', device: 'deviceTokenRequired' } as const

interface Route {
  method: string
  url: string
  guards: string[]
}

const key = (r: Route) => `${r.method} ${r.url}`

/** Which guard a route must have: by its path, unless it is one of the public routes. */
function expectedGuard(r: Route): string | null {
  if (PUBLIC.has(key(r))) return null
  if (r.url.startsWith('/api/admin/')) return GUARDS.admin
  if (r.url === '/api/me' || r.url.startsWith('/api/me/')) return GUARDS.device
  return null
}

/** A URL for a route pattern: any id, any path under a wildcard. */
const concrete = (url: string) => url.replace(/:\w+/g, '1').replace(/\*$/, 'x')

describe('authentication of every route', () => {
  let platform: TestPlatform
  let app: FastifyInstance
  let routes: Route[]

  beforeAll(async () => {
    platform = await startTestPlatform()
    // The platform's own routes, built the way the platform builds them, with a
    // collector added first. Fastify hands every onRoute hook the same options
    // object: read after ready(), it holds what the groups' hooks put there.
    app = createHttpApp({ logger: false })
    const options: RouteOptions[] = []
    app.addHook('onRoute', (route) => void options.push(route))
    await registerRoutes(app, platform.ctx, {})
    await app.ready()
    routes = options.flatMap((o) =>
      [o.method].flat().map((method) => ({
        method,
        url: o.url,
        guards: [o.onRequest ?? []].flat().map((hook) => hook.name),
      })),
    )
  })

  afterAll(async () => {
    await app?.close()
    await platform?.dispose()
  })

  it('collects the whole route table, public routes included', () => {
    const keys = routes.map(key)
    for (const r of ['GET /api/admin/users', 'PATCH /api/me', 'GET /api/docs/json', ...PUBLIC]) {
      expect(keys).toContain(r)
    }
    expect(routes.length).toBeGreaterThan(40)
  })

  it('guards every admin and device route with its group’s hook, and no public one', () => {
    const wrong = routes
      .filter((r) => {
        const guard = expectedGuard(r)
        const guards = r.guards.filter((g) => Object.values<string>(GUARDS).includes(g))
        return guard ? guards.length !== 1 || guards[0] !== guard : guards.length > 0
      })
      .map((r) => `${key(r)}: ${r.guards.join(', ') || 'no guard'}`)
    expect(wrong).toEqual([])
  })

  it('answers 401 on every guarded route without a token, or with a wrong one', async () => {
    const admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    // A device route given a valid admin session: the other kind of token.
    const wrongToken: Record<string, string> = {
      [GUARDS.admin]: 'Bearer not-a-real-token',
      [GUARDS.device]: `Bearer ${admin.token!}`,
    }
    const guarded = routes.filter((r) => expectedGuard(r) !== null)
    expect(guarded.length).toBeGreaterThan(30)
    const answers: string[] = []
    for (const r of guarded) {
      for (const authorization of [undefined, wrongToken[expectedGuard(r)!]]) {
        const res = await app.inject({
          method: r.method as 'GET',
          url: concrete(r.url),
          headers: authorization ? { authorization } : {},
        })
        const body = r.method === 'HEAD' ? null : apiErrorSchema.safeParse(res.json()).data
        const ok = res.statusCode === 401 && (r.method === 'HEAD' || body?.statusCode === 401)
        if (!ok) answers.push(`${key(r)} (${authorization ?? 'no token'}): ${res.statusCode}`)
      }
    }
    expect(answers).toEqual([])
  })

  it('refuses an unauthenticated request before reading its body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { 'content-type': 'application/json' },
      payload: '{"firstName": ',
    })
    expect(res.statusCode).toBe(401)
  })
})
