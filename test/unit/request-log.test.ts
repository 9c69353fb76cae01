import { Writable } from 'node:stream'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import {
  installRequestLog,
  requestLogController,
  requestLogLevel,
} from '../../electron/platform/http/request-log'

interface LogLine {
  level: number
  msg: string
  method?: string
  url?: string
  statusCode?: number
  responseTime?: number
}

const ERROR = 50
const WARN = 40
const DEBUG = 20

/** A tiny app logging JSON lines into an array, with the request log as the platform has it. */
function appWithCapturedLog(level: string, slowMs?: number) {
  const lines: LogLine[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) lines.push(JSON.parse(line) as LogLine)
      }
      done()
    },
  })
  const app = Fastify({ logger: { level, stream }, logController: requestLogController() })
  installRequestLog(app, slowMs)
  app.get('/ok', async () => ({ ok: true }))
  app.get('/broken', async (_req, reply) => reply.code(500).send({ ok: false }))
  app.get('/missing', async (_req, reply) => reply.code(404).send({ ok: false }))
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 60))
    return { ok: true }
  })
  return { app, lines }
}

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('request log', () => {
  it('writes nothing at info for a successful request', async () => {
    const captured = appWithCapturedLog('info')
    app = captured.app
    expect((await app.inject('/ok')).statusCode).toBe(200)
    expect((await app.inject('/missing')).statusCode).toBe(404)
    expect(captured.lines).toEqual([])
  })

  it('writes one error line for a 5xx, with method, path, status and duration', async () => {
    const captured = appWithCapturedLog('info')
    app = captured.app
    await app.inject('/broken')
    expect(captured.lines).toHaveLength(1)
    const [line] = captured.lines
    expect(line).toMatchObject({ level: ERROR, method: 'GET', url: '/broken', statusCode: 500 })
    expect(line?.responseTime).toEqual(expect.any(Number))
    expect(line?.msg).toMatch(/^GET \/broken 500 \d+ ms$/)
  })

  it('writes one warn line for a slow request', async () => {
    const captured = appWithCapturedLog('info', 50)
    app = captured.app
    await app.inject('/slow')
    expect(captured.lines).toHaveLength(1)
    expect(captured.lines[0]).toMatchObject({ level: WARN, url: '/slow', statusCode: 200 })
    expect(captured.lines[0]?.responseTime).toBeGreaterThanOrEqual(50)
  })

  it('writes one debug line per request at debug, without the query string', async () => {
    const captured = appWithCapturedLog('debug')
    app = captured.app
    await app.inject('/ok?q=ada.lovelace@example.test')
    expect(captured.lines).toHaveLength(1)
    expect(captured.lines[0]).toMatchObject({ level: DEBUG, url: '/ok', statusCode: 200 })
    expect(JSON.stringify(captured.lines)).not.toContain('ada.lovelace')
  })
})

describe('requestLogLevel', () => {
  it.each([
    [200, 5, 'debug'],
    [404, 5, 'debug'],
    [429, 5, 'debug'],
    [500, 5, 'error'],
    [503, 5000, 'error'],
    [200, 1000, 'warn'],
    [404, 2000, 'warn'],
  ] as const)('status %d after %d ms: %s', (status, ms, level) => {
    expect(requestLogLevel(status, ms, 1000)).toBe(level)
  })
})
