import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../fixtures/platform'

interface Operation {
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string }[]
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }
}
type Paths = Record<string, Record<string, Operation>>

/** The API reference generated from the route schemas, served next to the renderer's pages. */
describe('OpenAPI description', () => {
  let renderer: string
  let platform: TestPlatform
  let paths: Paths

  beforeAll(async () => {
    // With the renderer served too: its pages must not shadow the reference.
    renderer = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-renderer-'))
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>shell</title>')
    platform = await startTestPlatform({}, { rendererDir: renderer })
    const res = await fetch(`${platform.url}/api/docs/json`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Paths }
    expect(doc.openapi).toMatch(/^3\./)
    paths = doc.paths
  })

  afterAll(async () => {
    await platform?.dispose()
    await rm(renderer, { recursive: true, force: true })
  })

  const body = (op: Operation | undefined) =>
    op?.requestBody?.content['application/json']?.schema.properties ?? {}

  it('lists the admin routes with their request schemas and the admin session as security', () => {
    const create = paths['/api/admin/users']?.post
    expect(Object.keys(body(create))).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'department', 'jobTitle', 'email']),
    )
    expect(create?.security).toEqual([{ adminSession: [] }])
    expect(create?.tags).toEqual(['Users'])

    const list = paths['/api/admin/users']?.get
    expect(list?.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'status', 'page', 'pageSize', 'sort', 'order']),
    )
    const line = paths['/api/admin/users/{id}/app-line']?.put
    expect(line?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]),
    )
    expect(Object.keys(body(line))).toEqual(expect.arrayContaining(['didNumber', 'callerIds']))
    for (const url of ['/api/admin/numbers', '/api/admin/audit', '/api/admin/users/import']) {
      expect(Object.keys(paths[url] ?? {}), url).not.toEqual([])
    }
  })

  it('gives every admin and device operation its token, and the public ones none', () => {
    for (const [url, operations] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${url}`
        const publicRoute = [
          'POST /api/admin/session',
          'GET /api/admin/setup',
          'POST /api/admin/setup',
        ].includes(name)
        if (url.startsWith('/api/admin/') && !publicRoute) {
          expect(op.security, name).toEqual([{ adminSession: [] }])
        } else if (url === '/api/me') {
          expect(op.security, name).toEqual([{ deviceToken: [] }])
        } else {
          expect(op.security, name).toBeUndefined()
        }
        expect(op.tags?.length, name).toBe(1)
      }
    }
    expect(Object.keys(body(paths['/api/activations']?.post))).toContain('code')
  })

  it('leaves the renderer’s pages and the reference’s own files out', () => {
    const urls = Object.keys(paths)
    expect(urls.every((url) => url.startsWith('/api/') && !url.startsWith('/api/docs'))).toBe(true)
  })

  it('serves the reference UI at /api/docs', async () => {
    const res = await fetch(`${platform.url}/api/docs`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('swagger')
  })
})
