import type { BrowserContext, Page } from '@playwright/test'
import type {
  EventChannel,
  InvokeChannel,
  MediaAccess,
  MediaKind,
  Preferences,
  UpdateState,
} from '@shared/ipc/contract'

/**
 * A stand-in for the desktop app's preload in real Chromium: `window.phoneSystems`
 * with the contract's `invoke`/`on`, answering from the state given here. The
 * renderer then runs its Electron bridge (renderer/src/bridge/electron-bridge.ts),
 * which checks every answer and event against shared/ipc/contract.ts, so these
 * tests exercise the desktop UI and the bridge; main's side (registry, handlers,
 * the OS) is unit-tested with fakes in test/unit/electron-*.test.ts. Nothing
 * here is Electron.
 */
export interface FakeDesktop {
  platform: 'darwin' | 'win32' | 'linux'
  /** The OS-level switch per device (macOS, Windows privacy settings). */
  media: Record<MediaKind, MediaAccess>
  /** What macOS's prompt answers when asked (`permissions:ask-media`). */
  askAnswer: MediaAccess
  secrets: { encrypted: boolean; persistent: boolean; backend: string | null }
  preferences: Preferences
  update: UpdateState
  /** The admin console's remembered platform. */
  adminRemembered: { kind: 'this-computer' } | { kind: 'address'; url: string } | null
  /** The URL `This computer` answers with (a real platform the test started). */
  thisComputerUrl: string
  /** What `updates:restart` answers. */
  restart: { ok: true } | { ok: false; reason: string }
}

export const DEFAULT_DESKTOP: FakeDesktop = {
  platform: 'win32',
  media: { microphone: 'granted', camera: 'granted' },
  askAnswer: 'granted',
  secrets: { encrypted: true, persistent: true, backend: null },
  preferences: { startAtLogin: false, hideToTrayOnClose: true },
  update: { kind: 'idle' },
  adminRemembered: null,
  thisComputerUrl: 'http://127.0.0.1:9',
  restart: { ok: true },
}

export type DesktopCall = { channel: InvokeChannel; request: unknown }

/** What the stand-in adds to the page's global scope (this file is type-checked without the DOM). */
interface FakeGlobals {
  __desktop: {
    state: FakeDesktop
    calls: DesktopCall[]
    emit(channel: string, payload: unknown): void
  }
}

/** Installs the stand-in in every page of `context` before the app's first script. */
export async function installFakeDesktop(
  context: BrowserContext,
  overrides: Partial<FakeDesktop> = {},
): Promise<void> {
  await context.addInitScript(fakePreload, { ...DEFAULT_DESKTOP, ...overrides })
}

/** Every `invoke` the page made, in order. */
export function desktopCalls(page: Page, channel?: InvokeChannel): Promise<DesktopCall[]> {
  return page.evaluate(
    (only) =>
      (globalThis as unknown as FakeGlobals).__desktop.calls.filter(
        (call) => !only || call.channel === only,
      ),
    channel,
  )
}

/** Main sends an event to the page (payloads are checked by the renderer's bridge). */
export async function emitDesktopEvent(
  page: Page,
  channel: EventChannel,
  payload: unknown,
): Promise<void> {
  await page.evaluate(
    ([name, value]) => (globalThis as unknown as FakeGlobals).__desktop.emit(name, value),
    [channel, payload] as const,
  )
}

/** Changes the fake's state from the test (the OS switch turned on in Settings, …). */
export async function setFakeDesktop(page: Page, patch: Partial<FakeDesktop>): Promise<void> {
  await page.evaluate((next) => {
    Object.assign((globalThis as unknown as FakeGlobals).__desktop.state, next)
  }, patch)
}

/**
 * Runs in the page (serialised by Playwright): no imports, no closures. The
 * kept activation lives in sessionStorage so a reload finds it, as main's
 * secret store would.
 */
function fakePreload(initial: FakeDesktop): void {
  const state = { ...initial }
  const calls: { channel: string; request: unknown }[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const SECRET = 'fake-desktop.secret.session'
  const { sessionStorage } = globalThis as unknown as {
    sessionStorage: {
      getItem(key: string): string | null
      setItem(key: string, value: string): void
      removeItem(key: string): void
    }
  }
  const answer = (channel: string, request: unknown): unknown => {
    const r = request as Record<string, unknown> | undefined
    switch (channel) {
      case 'app:info':
        return {
          platform: state.platform,
          versions: { electron: '41.0.0', chrome: '146.0.0.0', node: '24.0.0' },
          appVersion: '0.1.0',
        }
      case 'device:identity':
        return {
          id: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f',
          name: `test-host (${state.platform})`,
          platform: state.platform,
        }
      case 'secrets:read':
        return sessionStorage.getItem(SECRET)
      case 'secrets:write':
        sessionStorage.setItem(SECRET, String(r?.value))
        return { persisted: state.secrets.persistent }
      case 'secrets:delete':
        sessionStorage.removeItem(SECRET)
        return undefined
      case 'secrets:status':
        return state.secrets
      case 'permissions:media-status':
        return state.media[r?.kind as MediaKind]
      case 'permissions:ask-media': {
        const kind = r?.kind as MediaKind
        if (state.platform === 'darwin' && state.media[kind] === 'not-determined')
          state.media = { ...state.media, [kind]: state.askAnswer }
        return state.media[kind]
      }
      case 'permissions:open-settings':
        return state.platform !== 'linux'
      case 'preferences:read':
        return state.preferences
      case 'preferences:write':
        state.preferences = { ...state.preferences, ...(r as object) }
        return state.preferences
      case 'updates:state':
        return state.update
      case 'updates:restart':
        return state.restart
      case 'admin:remembered':
        return state.adminRemembered
      case 'admin:connect':
        state.adminRemembered = r as FakeDesktop['adminRemembered']
        return { url: r?.kind === 'address' ? String(r.url) : state.thisComputerUrl }
      default:
        // phone:status, call:*, admin:open: reports main acts on; nothing to answer.
        return undefined
    }
  }
  Object.defineProperty(globalThis, '__desktop', {
    value: {
      state,
      calls,
      emit(channel: string, payload: unknown) {
        for (const listener of listeners.get(channel) ?? []) listener(payload)
      },
    },
  })
  Object.defineProperty(globalThis, 'phoneSystems', {
    value: Object.freeze({
      platform: state.platform,
      invoke(channel: string, request: unknown) {
        calls.push({ channel, request })
        return Promise.resolve({ ok: true, value: answer(channel, request) })
      },
      on(channel: string, listener: (payload: unknown) => void) {
        const set = listeners.get(channel) ?? new Set()
        set.add(listener)
        listeners.set(channel, set)
        return () => void set.delete(listener)
      },
    }),
  })
}
