import {
  IPC_EVENTS,
  IPC_INVOKE,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type PreloadApi,
} from '@shared/ipc/contract'
import type { Bridge, DeviceIdentity } from './types'

/** A failure main reported, or an answer that does not match the contract. */
export class BridgeError extends Error {
  override name = 'BridgeError'
}

/**
 * The desktop app: every call goes over the preload's contract channels, and
 * every answer and event is checked against the same schemas main used. What
 * must be read synchronously (identity, the kept activation) is loaded once
 * in `start()`, before the app mounts.
 */
export function electronBridge(api: PreloadApi): Bridge {
  async function call<C extends InvokeChannel>(
    channel: C,
    ...[request]: InvokeRequest<C> extends undefined ? [] : [InvokeRequest<C>]
  ): Promise<InvokeResponse<C>> {
    const result = await api.invoke(channel, request as InvokeRequest<C>)
    if (!result.ok) throw new BridgeError(result.error)
    const parsed = IPC_INVOKE[channel].response.safeParse(result.value)
    if (!parsed.success) throw new BridgeError(`${channel}: unexpected answer from the app`)
    return parsed.data as InvokeResponse<C>
  }

  function on<C extends EventChannel>(
    channel: C,
    listener: (payload: EventPayload<C>) => void,
  ): () => void {
    return api.on(channel, (payload) => {
      const parsed = IPC_EVENTS[channel].safeParse(payload)
      if (parsed.success) listener(parsed.data as EventPayload<C>)
      else console.warn(`phone.systems: malformed ${channel} event ignored`)
    })
  }

  /** Fire and forget, for reports whose failure the person cannot act on. */
  function tell<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): void {
    void api.invoke(channel, request).then((result) => {
      if (!result.ok) console.warn(`phone.systems: ${channel}: ${result.error}`)
    })
  }

  let identity: DeviceIdentity | undefined
  let session: unknown = null

  return {
    kind: 'electron',
    async start() {
      const [id, kept] = await Promise.all([call('device:identity'), readSession()])
      identity = id
      session = kept
    },
    identity() {
      if (!identity) throw new BridgeError('The bridge was used before start()')
      return identity
    },
    vault: {
      read: () => session,
      write(value) {
        session = value
        void call('secrets:write', { key: 'session', value: JSON.stringify(value) }).catch(
          (err: unknown) => console.warn('phone.systems: the activation was not kept', err),
        )
      },
      clear() {
        session = null
        tell('secrets:delete', { key: 'session' })
      },
      status: () => call('secrets:status'),
    },
    permissions: {
      mediaStatus: (kind) => call('permissions:media-status', { kind }),
      askMedia: (kind) => call('permissions:ask-media', { kind }),
      openSettings: (pane) => call('permissions:open-settings', { pane }),
    },
    phone: {
      reportStatus: (status, missedCalls) => tell('phone:status', { status, missedCalls }),
      incoming: (id, caller) =>
        tell('call:incoming', {
          id,
          caller,
          windowVisible: document.visibilityState === 'visible',
        }),
      settled: (id, caller, missed) => tell('call:settled', { id, caller, missed }),
      callActive: (active) => tell('call:active', { active }),
      onCallAction: (listener) => on('call:action', listener),
      act: (action) => tell('call:act', action),
      onDoNotDisturb: (listener) => on('phone:do-not-disturb', ({ on: dnd }) => listener(dnd)),
    },
    onNavigate: (listener) => on('app:navigate', ({ route }) => listener(route)),
    onRecover: (listener) => on('power:recover', ({ reason }) => listener(RECOVERY_TEXT[reason])),
    preferences: {
      read: () => call('preferences:read'),
      write: (patch) => call('preferences:write', patch),
    },
    updates: {
      state: () => call('updates:state'),
      restart: () => call('updates:restart'),
      onChange: (listener) => on('updates:changed', listener),
    },
    admin: {
      open: () => call('admin:open'),
      connect: async (choice) => (await call('admin:connect', choice)).url,
      remembered: () => call('admin:remembered'),
    },
  }

  async function readSession(): Promise<unknown> {
    const text = await call('secrets:read', { key: 'session' })
    if (text === null) return null
    try {
      return JSON.parse(text) as unknown
    } catch {
      return null
    }
  }
}

const RECOVERY_TEXT: Record<EventPayload<'power:recover'>['reason'], string> = {
  resume: 'Resumed from sleep',
  'unlock-screen': 'Screen unlocked',
  online: 'Network connection restored',
}
