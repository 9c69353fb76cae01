import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { chooseLogFormat, loggerOptions } from '../../electron/platform/logger'

describe('chooseLogFormat', () => {
  it('is pretty at a terminal and JSON otherwise', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty')
    expect(chooseLogFormat(undefined, false)).toBe('json')
  })

  it('follows LOG_FORMAT whatever stdout is', () => {
    expect(chooseLogFormat('json', true)).toBe('json')
    expect(chooseLogFormat('pretty', false)).toBe('pretty')
  })
})

/** What a Fastify app built with `loggerOptions` writes for one warning. */
async function oneWarning(
  config: Parameters<typeof loggerOptions>[0],
  isTTY: boolean,
): Promise<string> {
  let written = ''
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString('utf8')
      done()
    },
  })
  const app = Fastify({ logger: loggerOptions(config, { isTTY, stream }) })
  app.log.child({ component: 'kamailio' }).warn({ pid: 42 }, 'kamailio not found')
  app.log.debug('below the level')
  // pino-pretty hands its lines on through a stream pipeline.
  await new Promise((resolve) => setImmediate(resolve))
  await app.close()
  return written
}

describe('loggerOptions', () => {
  it('writes one readable line at a terminal, without pid and hostname', async () => {
    const out = await oneWarning({ logLevel: 'info', logFormat: undefined }, true)
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: kamailio: kamailio not found\n$/)
  })

  it('writes JSON when stdout is not a terminal', async () => {
    const out = await oneWarning({ logLevel: 'info', logFormat: undefined }, false)
    const line = JSON.parse(out) as Record<string, unknown>
    expect(line).toMatchObject({ level: 40, component: 'kamailio', msg: 'kamailio not found' })
  })

  it('writes JSON at a terminal with LOG_FORMAT=json, and pretty lines in a pipe with pretty', async () => {
    const json = await oneWarning({ logLevel: 'info', logFormat: 'json' }, true)
    expect(() => JSON.parse(json) as unknown).not.toThrow()
    const pretty = await oneWarning({ logLevel: 'info', logFormat: 'pretty' }, false)
    expect(pretty).toContain('WARN: kamailio: kamailio not found')
  })

  it('writes lines at LOG_LEVEL and above', async () => {
    const out = await oneWarning({ logLevel: 'debug', logFormat: 'json' }, false)
    expect(out.trim().split('\n')).toHaveLength(2)
    expect(await oneWarning({ logLevel: 'error', logFormat: 'json' }, false)).toBe('')
  })
})
