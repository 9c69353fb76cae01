import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { adminConnection } from '../../electron/main/admin/admin-connection'
import { desktopStateFile } from '../../electron/main/desktop-state'

const userData = () => mkdtempSync(path.join(tmpdir(), 'ps-desktop-'))

/** A fetch that answers /api/health as the given service would. */
const healthFetch = (service: string | null) =>
  vi.fn(async () => {
    if (service === null) throw new TypeError('fetch failed')
    return new Response(JSON.stringify({ status: 'ok', service }))
  }) as unknown as typeof fetch

describe('admin connection', () => {
  it('This computer: starts the embedded platform once, remembers it, stops it on quit', async () => {
    const dir = userData()
    const close = vi.fn(async () => undefined)
    const startEmbedded = vi.fn(async () => ({ url: 'http://127.0.0.1:41234', close }))
    const connection = adminConnection({
      state: desktopStateFile(dir),
      startEmbedded,
      fetch: healthFetch(null),
    })
    expect(await connection.connect({ kind: 'this-computer' })).toEqual({
      url: 'http://127.0.0.1:41234',
    })
    await connection.connect({ kind: 'this-computer' })
    expect(startEmbedded).toHaveBeenCalledTimes(1)
    expect(desktopStateFile(dir).read().adminPlatform).toEqual({ kind: 'this-computer' })
    await connection.stop()
    await connection.stop()
    expect(close).toHaveBeenCalledTimes(1)
  })

  it('a platform that fails to start can be tried again', async () => {
    const startEmbedded = vi
      .fn()
      .mockRejectedValueOnce(new Error('Port 8780 is in use'))
      .mockResolvedValueOnce({ url: 'http://127.0.0.1:8781', close: async () => undefined })
    const connection = adminConnection({
      state: desktopStateFile(userData()),
      startEmbedded,
      fetch: healthFetch(null),
    })
    await expect(connection.connect({ kind: 'this-computer' })).rejects.toThrow('in use')
    expect((await connection.connect({ kind: 'this-computer' })).url).toBe('http://127.0.0.1:8781')
  })

  it('an address is remembered only when a phone.systems platform answers there', async () => {
    const dir = userData()
    const state = desktopStateFile(dir)
    const startEmbedded = vi.fn()
    const ok = adminConnection({ state, startEmbedded, fetch: healthFetch('phone.systems') })
    expect(await ok.connect({ kind: 'address', url: 'https://pbx.example.com/' })).toEqual({
      url: 'https://pbx.example.com',
    })
    expect(ok.remembered()).toEqual({ kind: 'address', url: 'https://pbx.example.com' })
    expect(startEmbedded).not.toHaveBeenCalled()

    const other = adminConnection({ state, startEmbedded, fetch: healthFetch('nginx') })
    await expect(
      other.connect({ kind: 'address', url: 'https://www.example.com' }),
    ).rejects.toThrow('Platform address: https://www.example.com is not a phone.systems platform')
    const down = adminConnection({ state, startEmbedded, fetch: healthFetch(null) })
    await expect(down.connect({ kind: 'address', url: 'https://10.0.0.9' })).rejects.toThrow(
      'Platform address: nothing answers at https://10.0.0.9',
    )
    expect(desktopStateFile(dir).read().adminPlatform).toEqual({
      kind: 'address',
      url: 'https://pbx.example.com',
    })
  })
})

describe('desktop state file', () => {
  it('defaults on first start, and a damaged field falls back alone', () => {
    const dir = userData()
    expect(desktopStateFile(dir).read()).toEqual({ hideToTrayOnClose: true, adminPlatform: null })
    writeFileSync(
      path.join(dir, 'desktop-state.json'),
      JSON.stringify({ hideToTrayOnClose: false, adminPlatform: { kind: 'moon' } }),
    )
    expect(desktopStateFile(dir).read()).toEqual({ hideToTrayOnClose: false, adminPlatform: null })
    writeFileSync(path.join(dir, 'desktop-state.json'), '{not json')
    expect(desktopStateFile(dir).read().hideToTrayOnClose).toBe(true)
  })
})
