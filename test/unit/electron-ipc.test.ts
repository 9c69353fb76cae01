import { describe, expect, it, vi } from 'vitest'
import type { IpcMain, WebContents } from 'electron'
import { createIpcRegistry } from '../../electron/main/ipc/registry'
import { EVENT_CHANNELS, INVOKE_CHANNELS, IPC_EVENTS, IPC_INVOKE } from '@shared/ipc/contract'

const APP = 'app://phone.systems'

type Listener = (event: unknown, request: unknown) => Promise<unknown>

/** An ipcMain that keeps its handlers so a test can invoke them as a renderer would. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  const ipcMain = {
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
  } as unknown as Pick<IpcMain, 'handle'>
  const sender = { id: 1 }
  const invoke = (
    channel: string,
    request: unknown,
    frame: unknown = { url: `${APP}/`, parent: null },
  ) => handlers.get(channel)!({ senderFrame: frame, sender }, request)
  return { ipcMain, handlers, invoke, sender }
}

describe('IPC registry', () => {
  it('runs the handler with the parsed request for the app’s own top frame', async () => {
    const { ipcMain, invoke, sender } = fakeIpcMain()
    const registry = createIpcRegistry(ipcMain, APP, () => undefined)
    const handler = vi.fn(() => 'granted' as const)
    registry.handle('permissions:media-status', handler)
    expect(await invoke('permissions:media-status', { kind: 'microphone' })).toEqual({
      ok: true,
      value: 'granted',
    })
    expect(handler).toHaveBeenCalledWith({ kind: 'microphone' }, sender)
  })

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['an iframe of the app', { url: `${APP}/`, parent: { url: `${APP}/` } }],
    ['a page that navigated away', { url: 'file:///etc/passwd', parent: null }],
    ['a frame already gone', null],
  ])('refuses %s without calling the handler', async (_name, frame) => {
    const { ipcMain, invoke } = fakeIpcMain()
    const log = vi.fn()
    const registry = createIpcRegistry(ipcMain, APP, log)
    const handler = vi.fn()
    registry.handle('admin:open', handler)
    expect(await invoke('admin:open', undefined, frame)).toEqual({
      ok: false,
      error: 'Not allowed from this page',
    })
    expect(handler).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalled()
  })

  it.each([
    ['a wrong value', { kind: 'speaker' }, 'kind'],
    ['a missing field', {}, 'kind'],
    ['not an object', 'microphone', 'expected object'],
  ])('refuses a payload with %s, naming the field', async (_name, payload, named) => {
    const { ipcMain, invoke } = fakeIpcMain()
    const registry = createIpcRegistry(ipcMain, APP, () => undefined)
    const handler = vi.fn()
    registry.handle('permissions:ask-media', handler)
    const result = (await invoke('permissions:ask-media', payload)) as {
      ok: boolean
      error: string
    }
    expect(result.ok).toBe(false)
    expect(result.error).toContain('permissions:ask-media')
    expect(result.error).toContain(named)
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses a request with extra size beyond the schema’s limits', async () => {
    const { ipcMain, invoke } = fakeIpcMain()
    const registry = createIpcRegistry(ipcMain, APP, () => undefined)
    registry.handle('secrets:write', () => ({ persisted: true }))
    const result = (await invoke('secrets:write', {
      key: 'session',
      value: 'x'.repeat(70_000),
    })) as {
      ok: boolean
    }
    expect(result.ok).toBe(false)
    expect(await invoke('secrets:write', { key: 'other', value: 'x' })).toMatchObject({ ok: false })
  })

  it('a handler that throws answers { ok: false, error } instead of rejecting', async () => {
    const { ipcMain, invoke } = fakeIpcMain()
    const log = vi.fn()
    const registry = createIpcRegistry(ipcMain, APP, log)
    registry.handle('admin:connect', () => {
      throw new Error('Port 8780 is in use')
    })
    expect(await invoke('admin:connect', { kind: 'this-computer' })).toEqual({
      ok: false,
      error: 'Port 8780 is in use',
    })
    expect(log).toHaveBeenCalledWith(expect.stringContaining('admin:connect failed'))
  })

  it('sends only events that match the contract, and nothing to a closed window', () => {
    const { ipcMain } = fakeIpcMain()
    const registry = createIpcRegistry(ipcMain, APP, () => undefined)
    const send = vi.fn()
    const open = { isDestroyed: () => false, send } as unknown as WebContents
    registry.send(open, 'power:recover', { reason: 'resume' })
    expect(send).toHaveBeenCalledWith('power:recover', { reason: 'resume' })
    expect(() => registry.send(open, 'power:recover', { reason: 'nap' } as never)).toThrow()
    const closed = { isDestroyed: () => true, send } as unknown as WebContents
    registry.send(closed, 'power:recover', { reason: 'resume' })
    expect(send).toHaveBeenCalledTimes(1)
  })
})

describe('IPC contract', () => {
  it('names each channel once, in the `area:verb` form the preload checks', () => {
    for (const channel of [...INVOKE_CHANNELS, ...EVENT_CHANNELS])
      expect(channel).toMatch(/^[a-z]+:[a-z-]+$/)
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(IPC_INVOKE).sort())
    expect([...EVENT_CHANNELS].sort()).toEqual(Object.keys(IPC_EVENTS).sort())
  })
})
